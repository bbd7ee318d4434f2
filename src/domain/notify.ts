/**
 * Sending notifications: a type is dropped when it, or its group (the text
 * before the first '.'), is disabled (glance/notifier.py).
 */
import type { Settings } from '../shared/settings.js';
import type { NotificationSink, Priority } from '../shared/world.js';

export type Notify = (eventType: string, payload: unknown, priority?: Priority) => void;

export function notifier(sink: NotificationSink, settings: Settings): Notify {
  const disabled = new Set(settings.disabled_notifications);
  return (eventType, payload, priority = 'INFO') => {
    const group = eventType.split('.')[0] ?? eventType;
    if (disabled.has(eventType) || disabled.has(group)) return;
    sink.emit({ event_type: eventType, payload, priority });
  };
}
