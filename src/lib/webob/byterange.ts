/**
 * webob.byterange (1.8.6): the `Range` request header and the
 * `Content-Range` header, as Glance's `Request.get_range_from_request`
 * parses them for image downloads.
 *
 * Positions are JavaScript numbers (exact up to 2^53; Python's ints are
 * unbounded). The patterns are Python's (src/lib/pyre.ts): `\d` takes any
 * Unicode decimal digit ('bytes=١-٢' is bytes 1-2) and the case-insensitive
 * 'bytes' also matches 'byteſ'.
 *
 * @see webob/byterange.py
 */
import { ValueError, pyRepr } from '../python.js';
import { compile } from '../pyre.js';
import { pyInt10 } from './compat.js';

// Python's str patterns: \d is any Unicode decimal digit, and IGNORECASE
// lets 'ſ' (U+017F) match 's' in 'bytes'. `.match` anchors at the start.
const RX_RANGE = compile('^bytes *= *(\\d*) *- *(\\d*)', 2);
const RX_CONTENT_RANGE = compile('^bytes (?:(\\d+)-(\\d+)|[*])/(?:(?:(\\d+)|[*]))');

/** Python's `int(text)` of a regex group of digits, any script (empty text raises, as int('') does). */
function pyIntOf(text: string): number {
  return Number(pyInt10(text));
}

/** The Range header: `start` may be negative (a suffix), `end` is exclusive or null. */
export class Range {
  constructor(
    readonly start: number,
    readonly end: number | null,
  ) {
    if (!(end === null || end >= 0)) throw new Error(`AssertionError: Bad range end: ${pyRepr(end)}`);
  }

  /** The one (start, stop) range to serve for a body of `length`, or null when it cannot be satisfied. */
  range_for_length(length: number | null): [number, number] | null {
    if (length === null) return null;
    let start = this.start;
    let end = this.end;
    if (end === null) {
      end = length;
      if (start < 0) start += length;
    }
    if (isContentRangeValid(start, end, length)) return [start, Math.min(end, length)];
    return null;
  }

  /** Like range_for_length, as a ContentRange. */
  content_range(length: number | null): ContentRange | null {
    const range = this.range_for_length(length);
    if (range === null) return null;
    return new ContentRange(range[0], range[1], length);
  }

  toString(): string {
    if (this.end === null) return this.start >= 0 ? `bytes=${this.start}-` : `bytes=${this.start}`;
    return `bytes=${this.start}-${this.end - 1}`;
  }

  /** The header parsed, or null when it is not a byte range ('bytes=-' raises ValueError, as int('') does). */
  static parse(header: string | null): Range | null {
    const m = RX_RANGE.search(header ?? '');
    if (m === null) return null;
    const start = m.group(1) as string;
    const end = m.group(2) as string;
    if (!start) return new Range(0 - pyIntOf(end), null); // 0 - x: Python has no negative zero
    const s = pyIntOf(start);
    if (!end) return new Range(s, null);
    const e = pyIntOf(end) + 1; // non-inclusive
    if (s >= e) return null;
    return new Range(s, e);
  }
}

/** The Content-Range header: start-stop (stop exclusive) and length, either may be `*` (null). */
export class ContentRange {
  constructor(
    readonly start: number | null,
    readonly stop: number | null,
    readonly length: number | null,
  ) {
    if (!isContentRangeValid(start, stop, length)) {
      throw new ValueError(`Bad start:stop/length: ${pyRepr(start)}-${pyRepr(stop)}/${pyRepr(length)}`);
    }
  }

  toString(): string {
    const length = this.length === null ? '*' : String(this.length);
    if (this.start === null) return `bytes */${length}`;
    return `bytes ${this.start}-${(this.stop as number) - 1}/${length}`;
  }

  /** The header parsed, or null when it cannot be. */
  static parse(value: string | null): ContentRange | null {
    const m = RX_CONTENT_RANGE.search(value ?? '');
    if (m === null) return null;
    const g1 = m.group(1);
    const g3 = m.group(3);
    const s = g1 ? pyIntOf(g1) : null;
    const e = g1 ? pyIntOf(m.group(2) as string) + 1 : null;
    const l = g3 ? pyIntOf(g3) : null;
    if (!isContentRangeValid(s, e, l, true)) return null;
    return new ContentRange(s, e, l);
  }
}

function isContentRangeValid(start: number | null, stop: number | null, length: number | null, response = false): boolean {
  if ((start === null) !== (stop === null)) return false;
  if (start === null) return length === null || length >= 0;
  if (length === null) return 0 <= start && start < (stop as number);
  if (start >= (stop as number)) return false;
  if (response && (stop as number) > length) return false;
  return 0 <= start && start < length;
}
