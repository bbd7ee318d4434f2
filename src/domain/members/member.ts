/** An image member as the use cases hold it. */
export interface Member {
  id: number;
  image_id: string;
  member_id: string;
  status: string;
  created_at: Date;
  updated_at: Date;
}
