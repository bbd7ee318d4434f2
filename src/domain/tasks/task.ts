/** A task as the use cases hold it (stored, never run). */
export interface Task {
  id: string;
  type: string;
  status: string;
  owner: string;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  input: unknown;
  result: unknown;
  message: string;
}
