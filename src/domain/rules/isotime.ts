/**
 * ISO 8601 text to a UTC instant as Glance's filters read it (iso8601's
 * parse_date, then normalize_time): a missing zone is UTC; null when
 * iso8601 would raise ParseError.
 */
const ISO8601 = new RegExp(
  String.raw`^(?<year>\d{4})(((-(?<monthdash>\d{1,2}))|(?<month>\d{2})(?!$))(((-(?<daydash>\d{1,2}))|(?<day>\d{2}))` +
    String.raw`(((?<sep>[ T])(?<hour>\d{2})(:?(?<minute>\d{2}))?(:?(?<second>\d{1,2})([.,](?<frac>\d+))?)?` +
    String.raw`(?<tz>Z|((?<tzsign>[-+])(?<tzhour>\d{2}):?(?<tzminute>\d{2})?))?)?))?)?$`,
);

export interface Instant {
  readonly ms: number;
  /** Microseconds within the second (a Date keeps only milliseconds). */
  readonly micro: number;
}

export function parseIsotime(text: string): Instant | null {
  const g = ISO8601.exec(text)?.groups;
  if (g === undefined) return null;
  const num = (v: string | undefined, d: number): number => (v === undefined ? d : Number(v));
  const year = num(g['year'], 0);
  const month = num(g['month'] ?? g['monthdash'], 1);
  const day = num(g['day'] ?? g['daydash'], 1);
  const [hour, minute, second] = [num(g['hour'], 0), num(g['minute'], 0), num(g['second'], 0)];
  const micro = Math.floor(Number(`0.${g['frac'] ?? '0'}`) * 1e6);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMin = 0;
  if (g['tz'] !== undefined && g['tz'] !== 'Z') {
    const sign = g['tzsign'] === '-' ? -1 : 1;
    const h = num(g['tzhour'], 0);
    const m = num(g['tzminute'], 0);
    if (h > 23) return null;
    offsetMin = sign * (h * 60 + m);
  }
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, 0);
  return { ms: at.getTime() - offsetMin * 60000, micro };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate() || 31;
}
