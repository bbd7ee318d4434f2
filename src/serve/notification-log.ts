/**
 * Where a served model's notifications go: one JSON line per notification,
 * written when it is sent, `{"event_type": ..., "payload": ...}` with keys
 * sorted, as a trace entry shows it (payload tags sorted, Python objects as
 * their str) and as tools/glance-driver's `serve` logs the real Glance's.
 * Nothing is kept in memory, so a long-running server does not grow.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { pyJsonDumpsValue } from '../lib/pyjson.js';
import { plainHttpNotification } from '../shared/http-trace.js';
import { NotificationSink, type Notification } from '../shared/world.js';

export class NotificationLog extends NotificationSink {
  private fd: number | null;

  /** Appends to `path`: several threads may log to one file, each line written whole by one write. */
  constructor(path: string) {
    super();
    this.fd = openSync(path, 'a');
  }

  override emit(notification: Notification): void {
    if (this.fd === null) return;
    writeSync(this.fd, notificationLine(notification) + '\n');
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** A notification log line as the server wrote it. */
export function notificationLine(notification: Notification): string {
  return pyJsonDumpsValue(plainHttpNotification(notification), { sortKeys: true, ensureAscii: false });
}
