/**
 * webob.acceptparse (1.8.6) for the two headers Glance reads: `Accept`
 * (content negotiation of error pages and `best_match_content_type`) and
 * `Accept-Language` (`best_match_language`).
 *
 * `createAcceptHeader(value)`: null (no header) gives an AcceptNoHeader, a
 * value valid under RFC 7231's grammar an AcceptValidHeader, anything else
 * an AcceptInvalidHeader, which acts as if every offer were acceptable. Note
 * that webob.exc asks `create_accept_header(environ.get('HTTP_ACCEPT', ''))`:
 * a missing header is then the VALID empty header, which accepts nothing, so
 * the page is plain text; an invalid header accepts everything, so the page
 * is HTML (the first offer).
 *
 * The grammar's regular expressions are webob's, written for JavaScript:
 * Python's `$` also matches before a final '\n', so `text/html\n` is a valid
 * header here as there.
 *
 * @see webob/acceptparse.py
 */
import { ValueError } from '../python.js';

// ------------------------------------------------------------- grammar

const OWS = '[ \\t]*';
const TCHAR = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]";
const TOKEN = TCHAR + '+';
const TOKEN_RE = new RegExp('^' + TOKEN + '$');
const QVALUE = '(?:0(?:\\.[0-9]{0,3})?)|(?:1(?:\\.0{0,3})?)';
const WEIGHT = OWS + ';' + OWS + '[qQ]=(' + QVALUE + ')';
/** Python's `$`: the end, or just before a final newline. */
const PY_END = '(?=\\n?$)';

const QDTEXT = '[\\t !#-\\[\\]-~\\x80-\\xff]';
const QUOTED_PAIR = '\\\\[\\t !-~\\x80-\\xff]';
const QUOTED_STRING = '"(?:(?:' + QDTEXT + ')|(?:' + QUOTED_PAIR + '))*"';
const PARAMETER = TOKEN + '=(?:(?:' + TOKEN + ')|(?:' + QUOTED_STRING + '))';
const MEDIA_RANGE = '((?:' + TOKEN + '/' + TOKEN + '))((?:' + OWS + ';' + OWS + '(?![qQ]=)' + PARAMETER + ')*)';
const ACCEPT_EXT = OWS + ';' + OWS + TOKEN + '(?:=(?:(?:' + TOKEN + ')|(?:' + QUOTED_STRING + ')))?';
const ACCEPT_PARAMS = WEIGHT + '((?:' + ACCEPT_EXT + ')*)';
const MEDIA_RANGE_N_PARAMS = MEDIA_RANGE + '(?:' + ACCEPT_PARAMS + ')?';

/** RFC 7230's `#element` list (0 or more), anchored as `re.match` anchors it. */
function list0(element: string): RegExp {
  return new RegExp('^(?:' + PY_END + '|(?:(?:,|(?:' + element + '))(?:' + OWS + ',(?:' + OWS + element + ')?)*)' + PY_END + ')');
}

/** RFC 7230's `1#element` list (1 or more). */
function list1(element: string): RegExp {
  return new RegExp('^(?:,' + OWS + ')*' + element + '(?:' + OWS + ',(?:' + OWS + element + ')?)*' + PY_END);
}

const ACCEPT_RE = list0(MEDIA_RANGE_N_PARAMS);
const MEDIA_RANGE_N_PARAMS_G = new RegExp(MEDIA_RANGE_N_PARAMS, 'g');
const PARAMETERS_G = new RegExp(OWS + ';' + OWS + '(' + TOKEN + ')=(' + TOKEN + '|' + QUOTED_STRING + ')', 'g');
const ACCEPT_EXT_G = new RegExp(OWS + ';' + OWS + '(' + TOKEN + ')(?:=((?:(?:' + TOKEN + ')|(?:' + QUOTED_STRING + '))))?', 'g');
const MEDIA_TYPE_RE = new RegExp('^' + MEDIA_RANGE + PY_END);

/** A media range parsed from the header: (media_range, qvalue, media_type_params, extension_params). */
export type AcceptEntry = readonly [string, number, ReadonlyArray<readonly [string, string]>, ReadonlyArray<string | readonly [string, string]>];

/** A media type offer parsed for matching: type, subtype and parameters, lower-cased (values kept). */
export interface AcceptOffer {
  readonly type: string;
  readonly subtype: string;
  readonly params: ReadonlyArray<readonly [string, string]>;
}

/** Unquotes a quoted-string: a backslash escapes the next character. */
function unquoteToken(token: string): string {
  return token.slice(1, -1).replace(/\\(?![\\])/g, '').replace(/\\\\/g, '\\');
}

function parseMediaTypeParams(segment: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of segment.matchAll(PARAMETERS_G)) {
    let value = m[2] as string;
    if (value.startsWith('"') && value.endsWith('"')) value = unquoteToken(value);
    out.push([m[1] as string, value]);
  }
  return out;
}

function escapeParamValue(value: string): string {
  if (value === '') return '""';
  const v = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return TOKEN_RE.test(v) ? v : `"${v}"`;
}

function formMediaRange(typeSubtype: string, params: ReadonlyArray<readonly [string, string]>): string {
  return typeSubtype + params.map(([n, v]) => `;${n}=${escapeParamValue(v)}`).join('');
}

/** `Accept.parse(value)`: the entries left to right; ValueError for an invalid header. */
export function parseAccept(value: string): AcceptEntry[] {
  if (!ACCEPT_RE.test(value)) throw new ValueError('Invalid value for an Accept header.');
  const out: AcceptEntry[] = [];
  for (const m of value.matchAll(MEDIA_RANGE_N_PARAMS_G)) {
    const params = parseMediaTypeParams(m[2] as string);
    const mediaRange = formMediaRange(m[1] as string, params);
    const q = m[3] ? parseFloat(m[3]) : 1.0;
    const ext: Array<string | readonly [string, string]> = [];
    if (m[4]) {
      for (const e of (m[4] as string).matchAll(ACCEPT_EXT_G)) {
        const key = e[1] as string;
        const val = e[2];
        if (val) ext.push([key, val.startsWith('"') && val.endsWith('"') ? unquoteToken(val) : val]);
        else ext.push(key);
      }
    }
    out.push([mediaRange, q, params, ext]);
  }
  return out;
}

/** `Accept.parse_offer(offer)`: ValueError for a malformed offer or one with a wildcard. */
export function parseOffer(offer: string | AcceptOffer): AcceptOffer {
  if (typeof offer !== 'string') return offer;
  const m = MEDIA_TYPE_RE.exec(offer);
  if (m === null) throw new ValueError('Invalid value for an Accept offer.');
  const [type, subtype] = (m[1] as string).split('/') as [string, string];
  if (type === '*' || subtype === '*') throw new ValueError('Invalid value for an Accept offer.');
  return {
    type: type.toLowerCase(),
    subtype: subtype.toLowerCase(),
    params: parseMediaTypeParams(m[2] as string).map(([n, v]) => [n.toLowerCase(), v] as const),
  };
}

function parseAndNormalizeOffers(offers: ReadonlyArray<string | AcceptOffer>): Array<[number, AcceptOffer]> {
  const out: Array<[number, AcceptOffer]> = [];
  offers.forEach((offer, i) => {
    try {
      out.push([i, parseOffer(offer)]);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
    }
  });
  return out;
}

/** An offer with an optional server quality, as `best_match` takes them. */
export type QualifiedOffer = string | readonly [string, number];

// ------------------------------------------------------------- Accept

/** Common shape of the three Accept header classes. */
export abstract class Accept {
  abstract readonly headerValue: string | null;
  abstract readonly parsed: AcceptEntry[] | null;
  /** Python's `bool(header)`: true only for a valid header. */
  abstract truthy(): boolean;
  /** `offers` acceptable under the header, best first: [offer, qvalue]. */
  abstract acceptableOffers(offers: ReadonlyArray<string>): Array<[string, number]>;
  /** webob's legacy `best_match` (deprecated in 1.8 but what Glance calls). */
  abstract bestMatch<D = null>(offers: ReadonlyArray<QualifiedOffer>, defaultMatch?: D): string | D;
  /** `offer in header` (legacy matching). */
  abstract contains(offer: string): boolean;
  abstract quality(offer: string): number | null;
  /** `accept_html()`. */
  acceptHtml(): boolean {
    return this.acceptableOffers(['text/html', 'application/xhtml+xml', 'application/xml', 'text/xml']).length > 0;
  }
}

/** webob's old criterion for an offer matching a mask (used by best_match, quality, `in`). */
function oldMatch(mask: string, offer: string): boolean {
  if (mask.toLowerCase() === offer.toLowerCase() || mask === '*/*' || offer === '*/*' || offer === '*') return true;
  const split = (s: string): [string, string] => {
    const parts = s.split('/');
    return parts.length === 2 ? [(parts[0] as string).toLowerCase(), (parts[1] as string).toLowerCase()] : [s, '*'];
  };
  const [mt, ms] = split(mask);
  const [ot, os] = split(offer);
  if (ms === '*') return ot === '*' ? true : mt.toLowerCase() === ot.toLowerCase();
  if (mt === '*') return os === '*' ? true : ms.toLowerCase() === os.toLowerCase();
  if (os === '*') return mt.toLowerCase() === ot.toLowerCase();
  if (ot === '*') return ms.toLowerCase() === os.toLowerCase();
  return offer.toLowerCase() === mask.toLowerCase();
}

function countStars(s: string): number {
  return s.split('*').length - 1;
}

export class AcceptValidHeader extends Accept {
  readonly parsed: AcceptEntry[];
  private readonly parsedNonzero: AcceptEntry[];

  /** ValueError if `headerValue` is not a valid Accept header. */
  constructor(readonly headerValue: string) {
    super();
    this.parsed = parseAccept(headerValue);
    this.parsedNonzero = this.parsed.filter((e) => e[1] !== 0);
  }

  truthy(): boolean {
    return true;
  }

  acceptableOffers(offers: ReadonlyArray<string>): Array<[string, number]> {
    const ranges = this.parsed.map(([mediaRange, q, params]) => ({
      typeSubtype: (mediaRange.split(';', 1)[0] as string).toLowerCase(),
      q,
      params: params.map(([n, v]) => [n.toLowerCase(), v] as const),
    }));
    const found = new Map<string, [number, number, number]>();
    for (const [index, parsed] of parseAndNormalizeOffers(offers)) {
      const offer = offers[index] as string;
      for (const range of ranges) {
        const slash = range.typeSubtype.indexOf('/');
        const rType = range.typeSubtype.slice(0, slash);
        const rSubtype = range.typeSubtype.slice(slash + 1);
        let specificity: number;
        if (parsed.type === rType && parsed.subtype === rSubtype) {
          if (range.params.length === 0) specificity = 3;
          else if (sameParams(parsed.params, range.params)) specificity = 4;
          else continue;
        } else if (rSubtype === '*' && parsed.type === rType) specificity = 2;
        else if (range.typeSubtype === '*/*') specificity = 1;
        else continue;
        const prev = found.get(offer);
        if (prev !== undefined && specificity <= prev[2]) continue;
        found.set(offer, [range.q, index, specificity]);
      }
    }
    const list = [...found].filter(([, v]) => v[0] !== 0).map(([k, v]) => [k, v[0], v[1]] as const);
    // Python sorts by index, then (stably) by qvalue descending.
    const sorted = [...list].sort((a, b) => a[2] - b[2]).sort((a, b) => b[1] - a[1]);
    return sorted.map(([k, q]) => [k, q]);
  }

  bestMatch<D = null>(offers: ReadonlyArray<QualifiedOffer>, defaultMatch: D = null as D): string | D {
    let bestQuality = -1;
    let bestOffer: string | D = defaultMatch;
    let matchedBy = '*/*';
    for (const o of offers) {
      const [offer, serverQuality] = typeof o === 'string' ? [o, 1] : o;
      for (const [mask, quality] of this.parsedNonzero) {
        const possible = serverQuality * quality;
        if (possible < bestQuality) continue;
        if (possible === bestQuality && countStars(matchedBy) <= countStars(mask)) continue;
        if (oldMatch(mask, offer)) {
          bestQuality = possible;
          bestOffer = offer;
          matchedBy = mask;
        }
      }
    }
    return bestOffer;
  }

  contains(offer: string): boolean {
    return this.parsedNonzero.some(([mask]) => oldMatch(mask, offer));
  }

  quality(offer: string): number | null {
    let best = 0;
    for (const [mask, q] of this.parsed) if (oldMatch(mask, offer)) best = Math.max(best, q);
    return best || null;
  }

  /** A tidied header: 'text/html;q=0.5, text/plain'. */
  toString(): string {
    return this.parsed
      .map(([mediaRange, q, , ext]) => {
        const extSeg = ext.map((e) => (typeof e === 'string' ? ';' + e : `;${e[0]}=${escapeParamValue(e[1])}`)).join('');
        if (q === 1) return extSeg ? `${mediaRange};q=1${extSeg}` : mediaRange;
        if (q === 0) return `${mediaRange};q=0${extSeg}`;
        return `${mediaRange};q=${String(q)}${extSeg}`;
      })
      .join(', ');
  }
}

function sameParams(a: ReadonlyArray<readonly [string, string]>, b: ReadonlyArray<readonly [string, string]>): boolean {
  return a.length === b.length && a.every(([n, v], i) => n === (b[i] as readonly [string, string])[0] && v === (b[i] as readonly [string, string])[1]);
}

/** What an absent or invalid header does: every offer is acceptable. */
abstract class AcceptInvalidOrNoHeader extends Accept {
  readonly parsed = null;
  truthy(): boolean {
    return false;
  }
  acceptableOffers(offers: ReadonlyArray<string>): Array<[string, number]> {
    return parseAndNormalizeOffers(offers).map(([i]) => [offers[i] as string, 1.0]);
  }
  /** The offer with the highest server quality (the first among equals). */
  bestMatch<D = null>(offers: ReadonlyArray<QualifiedOffer>, defaultMatch: D = null as D): string | D {
    let bestQuality = -1;
    let bestOffer: string | D = defaultMatch;
    for (const o of offers) {
      const [offer, q] = typeof o === 'string' ? [o, 1] : o;
      if (q > bestQuality) {
        bestOffer = offer;
        bestQuality = q;
      }
    }
    return bestOffer;
  }
  contains(): boolean {
    return true;
  }
  quality(): number {
    return 1.0;
  }
}

export class AcceptNoHeader extends AcceptInvalidOrNoHeader {
  readonly headerValue = null;
  toString(): string {
    return '<no header in request>';
  }
}

export class AcceptInvalidHeader extends AcceptInvalidOrNoHeader {
  constructor(readonly headerValue: string) {
    super();
  }
  toString(): string {
    return '<invalid header value>';
  }
}

/** `create_accept_header(header_value)`. */
export function createAcceptHeader(headerValue: string | null | undefined): Accept {
  if (headerValue === null || headerValue === undefined) return new AcceptNoHeader();
  try {
    return new AcceptValidHeader(headerValue);
  } catch (e) {
    if (e instanceof ValueError) return new AcceptInvalidHeader(headerValue);
    throw e;
  }
}

// ---------------------------------------------------- Accept-Language

const LANG_RANGE = '\\*|(?:[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)';
const LANG_RANGE_N_WEIGHT = '(' + LANG_RANGE + ')(?:' + WEIGHT + ')?';
const ACCEPT_LANGUAGE_RE = list1(LANG_RANGE_N_WEIGHT);
const LANG_RANGE_N_WEIGHT_G = new RegExp(LANG_RANGE_N_WEIGHT, 'g');

/** `AcceptLanguage.parse(value)`: [range, qvalue] left to right; ValueError when invalid. */
export function parseAcceptLanguage(value: string): Array<[string, number]> {
  if (!ACCEPT_LANGUAGE_RE.test(value)) throw new ValueError('Invalid value for an Accept-Language header.');
  return [...value.matchAll(LANG_RANGE_N_WEIGHT_G)].map((m) => [m[1] as string, m[2] ? parseFloat(m[2]) : 1.0]);
}

export abstract class AcceptLanguage {
  abstract readonly headerValue: string | null;
  abstract readonly parsed: Array<[string, number]> | null;
  abstract truthy(): boolean;
  abstract bestMatch<D = null>(offers: ReadonlyArray<QualifiedOffer>, defaultMatch?: D): string | D;
}

/** webob's old language match: '*', equal, or equal on the first subtag either way ('_' read as '-'). */
function oldLanguageMatch(mask: string, item: string): boolean {
  const i = item.replace(/_/g, '-').toLowerCase();
  const m = mask.toLowerCase();
  return m === '*' || i === m || i.split('-')[0] === m || i === m.split('-')[0];
}

export class AcceptLanguageValidHeader extends AcceptLanguage {
  readonly parsed: Array<[string, number]>;
  private readonly parsedNonzero: Array<[string, number]>;
  constructor(readonly headerValue: string) {
    super();
    this.parsed = parseAcceptLanguage(headerValue);
    this.parsedNonzero = this.parsed.filter(([, q]) => q !== 0);
  }
  truthy(): boolean {
    return true;
  }
  bestMatch<D = null>(offers: ReadonlyArray<QualifiedOffer>, defaultMatch: D = null as D): string | D {
    let bestQuality = -1;
    let bestOffer: string | D = defaultMatch;
    let matchedBy = '*/*';
    for (const o of offers) {
      const [offer, serverQuality] = typeof o === 'string' ? [o, 1] : o;
      for (const [mask, quality] of this.parsedNonzero) {
        const possible = serverQuality * quality;
        if (possible < bestQuality) continue;
        if (possible === bestQuality && countStars(matchedBy) <= countStars(mask)) continue;
        if (oldLanguageMatch(mask, offer)) {
          bestQuality = possible;
          bestOffer = offer;
          matchedBy = mask;
        }
      }
    }
    return bestOffer;
  }
}

abstract class AcceptLanguageInvalidOrNoHeader extends AcceptLanguage {
  readonly parsed = null;
  truthy(): boolean {
    return false;
  }
  bestMatch<D = null>(offers: ReadonlyArray<QualifiedOffer>, defaultMatch: D = null as D): string | D {
    let bestQuality = -1;
    let bestOffer: string | D = defaultMatch;
    for (const o of offers) {
      const [offer, q] = typeof o === 'string' ? [o, 1] : o;
      if (q > bestQuality) {
        bestOffer = offer;
        bestQuality = q;
      }
    }
    return bestOffer;
  }
}

export class AcceptLanguageNoHeader extends AcceptLanguageInvalidOrNoHeader {
  readonly headerValue = null;
}

export class AcceptLanguageInvalidHeader extends AcceptLanguageInvalidOrNoHeader {
  constructor(readonly headerValue: string) {
    super();
  }
}

/** `create_accept_language_header(header_value)`. */
export function createAcceptLanguageHeader(headerValue: string | null | undefined): AcceptLanguage {
  if (headerValue === null || headerValue === undefined) return new AcceptLanguageNoHeader();
  try {
    return new AcceptLanguageValidHeader(headerValue);
  } catch (e) {
    if (e instanceof ValueError) return new AcceptLanguageInvalidHeader(headerValue);
    throw e;
  }
}
