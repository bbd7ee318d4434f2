/**
 * ISO 8601 times as Glance reads them (glance/common/timeutils.py
 * parse_isotime: iso8601 0.1's parse_date with UTC as the default zone,
 * then normalize_time: naive UTC). One implementation for both models:
 * the image listing's created_at / updated_at filters and the filter
 * operator split use it.
 *
 * Faithful points: the regexp of the iso8601 package (a month or day of
 * one digit after a dash, `,` as the fraction mark, `Z` or ±hh[:mm]),
 * datetime's range checks (leap years, hour 24 refused), a zone offset of
 * 24 hours or more refused, fractions cut to microseconds without going
 * through floats, and an instant that normalises outside years 1-9999 an
 * OverflowError.
 * @see iso8601/iso8601.py (Debian 12), glance/common/timeutils.py
 */
import { OverflowError, ValueError, pyRepr } from './python.js';

const ISO8601 = new RegExp(
  '^(?<year>[0-9]{4})(?:(?:-(?<monthdash>[0-9]{1,2})|(?<month>[0-9]{2})(?!\\n?$))' +
    '(?:(?:-(?<daydash>[0-9]{1,2})|(?<day>[0-9]{2}))' +
    '(?:(?<separator>[ T])(?<hour>[0-9]{2})(?::?(?<minute>[0-9]{2}))?' +
    '(?::?(?<second>[0-9]{1,2})(?:[.,](?<fraction>[0-9]+))?)?' +
    '(?<timezone>Z|(?<sign>[-+])(?<tzhour>[0-9]{2}):?(?<tzminute>[0-9]{2})?)?)?)?)?(?=\\n?$)',
);

/** A parsed time: its wall clock (as UTC fields), microseconds, and the zone offset it was written in. */
export interface IsoTime {
  readonly at: Date;
  readonly micro: number;
  readonly offsetMinutes: number;
}

/** A naive UTC time to the microsecond. */
export interface UtcTime {
  readonly at: Date;
  /** Microseconds within the second. */
  readonly micro: number;
}

/** `parse_isotime(text)`; any failure is a ValueError (iso8601's ParseError is one). */
export function parseIsotime(text: string): IsoTime {
  const m = ISO8601.exec(text);
  if (m === null || m.groups === undefined) throw new ValueError(`Unable to parse date string ${pyRepr(text)}`);
  const g = m.groups;
  const num = (v: string | undefined, fallback: number): number => (v === undefined ? fallback : Number(v));
  const year = num(g['year'], 0);
  const month = num(g['month'] ?? g['monthdash'], 1);
  const day = num(g['day'] ?? g['daydash'], 1);
  const hour = num(g['hour'], 0);
  const minute = num(g['minute'], 0);
  const second = num(g['second'], 0);
  const micro = g['fraction'] === undefined ? 0 : Number(g['fraction'].slice(0, 6).padEnd(6, '0'));
  checkDateFields(year, month, day, hour, minute, second);
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, Math.floor(micro / 1000));
  return { at, micro, offsetMinutes: timezoneOffset(g) };
}

function checkDateFields(year: number, month: number, day: number, hour: number, minute: number, second: number): void {
  if (year < 1) throw new ValueError(`year ${year} is out of range`);
  if (month < 1 || month > 12) throw new ValueError('month must be in 1..12');
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 ? (leap ? 29 : 28) : daysInMonth;
  if (day < 1 || day > maxDay) throw new ValueError('day is out of range for month');
  if (hour > 23) throw new ValueError('hour must be in 0..23');
  if (minute > 59) throw new ValueError('minute must be in 0..59');
  if (second > 59) throw new ValueError('second must be in 0..59');
}

function timezoneOffset(g: Record<string, string | undefined>): number {
  const tz = g['timezone'];
  if (tz === undefined || tz === 'Z') return 0;
  const sign = g['sign'] === '-' ? -1 : 1;
  const minutes = sign * (Number(g['tzhour']) * 60 + Number(g['tzminute'] ?? '0'));
  if (Math.abs(minutes) >= 24 * 60) {
    throw new ValueError('offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).');
  }
  return minutes;
}

/** `normalize_time`: the same instant in naive UTC; outside years 1-9999 an OverflowError. */
export function normalizeTime(t: IsoTime): UtcTime {
  const at = new Date(t.at.getTime() - t.offsetMinutes * 60000);
  const year = at.getUTCFullYear();
  if (year < 1 || year > 9999) throw new OverflowError('date value out of range');
  return { at, micro: at.getUTCMilliseconds() * 1000 + (t.micro % 1000) };
}
