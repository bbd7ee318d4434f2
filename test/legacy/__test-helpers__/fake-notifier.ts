/**
 * glance/tests/unit/utils.py FakeNotifier: records every notification it
 * is asked to send, with its priority, in `log`.
 */
import type { NotifierLike } from '../../../src/legacy/notifier.js';
import type { Clock } from '../../../src/shared/world.js';

export interface FakeNotification {
  readonly notification_type: 'WARN' | 'INFO' | 'ERROR' | 'DEBUG' | 'CRITICAL';
  readonly event_type: string;
  // Payloads are dicts or strings; tests index into them.
  readonly payload: any;
}

export class FakeNotifier implements NotifierLike {
  log: FakeNotification[] = [];
  warn(eventType: string, payload: unknown): void {
    this.notify(eventType, payload, 'WARN');
  }
  info(eventType: string, payload: unknown): void {
    this.notify(eventType, payload, 'INFO');
  }
  error(eventType: string, payload: unknown): void {
    this.notify(eventType, payload, 'ERROR');
  }
  debug(eventType: string, payload: unknown): void {
    this.notify(eventType, payload, 'DEBUG');
  }
  critical(eventType: string, payload: unknown): void {
    this.notify(eventType, payload, 'CRITICAL');
  }
  get_logs(): FakeNotification[] {
    return this.log;
  }
  private notify(event_type: string, payload: unknown, notification_type: FakeNotification['notification_type']): void {
    this.log.push({ notification_type, event_type, payload });
  }
}

/** A clock stuck at one instant, as `mock.patch.object(timeutils, 'utcnow')` leaves it. */
export function fixedClock(at: Date): Clock {
  return { now: () => at };
}
