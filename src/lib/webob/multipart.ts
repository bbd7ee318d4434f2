/**
 * A multipart/form-data body as `req.POST` reads it: CPython 3.11's
 * cgi.FieldStorage with webob's patched `read_multi`, then webob's
 * `MultiDict.from_fieldstorage`. Glance meets it through RoutesMiddleware,
 * which reads `req.POST.get('_method')` of a POSTed form.
 *
 * - The boundary must pass `cgi.valid_boundary` (1 to 201 printable ASCII
 *   characters, the last not a space), else ValueError "Invalid boundary in
 *   multipart form: b''".
 * - Lines before the first `--boundary` are skipped; each part's headers
 *   run to a blank line; its content runs to the next boundary line (a
 *   boundary line must start a line), the last line ending dropped; the
 *   closing `--boundary--` or the end of the body stops.
 * - A part without `filename` is text: decoded as UTF-8 with replacement
 *   characters, then Content-Transfer-Encoding base64 or quoted-printable
 *   undone (and the result decoded strictly: UnicodeDecodeError), then, for
 *   a part whose Content-Type names a charset other than 'utf8', the text
 *   re-decoded as webob does (`value.encode('utf8').decode(charset)`).
 * - A part with `filename` stays a `FieldStorage` object (its bytes in
 *   `value`), as webob leaves it; Python refuses `bool()` of it.
 * - A part without a name has the key None (here `null`).
 * - Not ported: a multipart part nested in the form (NotImplementedError).
 *
 * @see CPython Lib/cgi.py FieldStorage, webob/compat.py cgi_FieldStorage.read_multi, webob/multidict.py from_fieldstorage
 */
import { NotImplementedError_, TypeError_, ValueError, pyRepr } from '../python.js';
import { latin1Decode, pyDecode, pyStrip, utf8Decode } from './compat.js';
import type { BytesIO } from './io.js';

/** A file part of a form (cgi.FieldStorage with a filename). */
export class FieldStorage {
  constructor(
    readonly name: string | null,
    public filename: string | null,
    readonly type: string,
    readonly value: Buffer,
    readonly headers: ReadonlyArray<readonly [string, string]>,
  ) {}
  /** Python's `bool(field)`: a part without sub-parts cannot be converted. */
  truthy(): never {
    throw new TypeError_('Cannot be converted to bool.');
  }
  toPyRepr(): string {
    return `FieldStorage(${pyRepr(this.name)}, ${pyRepr(this.filename)}, ${pyBytesRepr(this.value)})`;
  }
}

/** A form field's value: text, or a file part. */
export type FormValue = string | FieldStorage;

/** Python's `repr(bytes)`. */
export function pyBytesRepr(b: Buffer): string {
  const hasSingle = b.includes(0x27);
  const quote = hasSingle && !b.includes(0x22) ? '"' : "'";
  let out = 'b' + quote;
  for (const c of b) {
    if (c === 0x5c) out += '\\\\';
    else if (c === quote.charCodeAt(0)) out += '\\' + quote;
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + quote;
}

/** `cgi._parseparam` + `cgi.parse_header`: the value before the first ';' and the lower-cased parameters. */
export function parseHeader(line: string): [string, Map<string, string>] {
  const parts: string[] = [];
  let s = ';' + line;
  while (s.startsWith(';')) {
    s = s.slice(1);
    let end = s.indexOf(';');
    while (end > 0 && (count(s, '"', end) - count(s, '\\"', end)) % 2 !== 0) end = s.indexOf(';', end + 1);
    if (end < 0) end = s.length;
    parts.push(pyStrip(s.slice(0, end)));
    s = s.slice(end);
  }
  const pdict = new Map<string, string>();
  for (const p of parts.slice(1)) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    const name = pyStrip(p.slice(0, i)).toLowerCase();
    let value = pyStrip(p.slice(i + 1));
    if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
      value = value.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"');
    }
    pdict.set(name, value);
  }
  return [parts[0] as string, pdict];
}

/** `str.count(sub, 0, end)` (non-overlapping). */
function count(s: string, sub: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0 && i + sub.length <= end; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/** `cgi.valid_boundary(b)`: `^[ -~]{0,200}[!-~]$` (Python's `$` allows a final newline). */
export function validBoundary(b: Buffer): boolean {
  return /^[ -~]{0,200}[!-~](?=\n?$)/.test(latin1Decode(b));
}

const BYTES_WS = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c]);

/** `bytes.strip()`. */
function bytesStrip(b: Buffer): Buffer {
  let s = 0;
  let e = b.length;
  while (s < e && BYTES_WS.has(b[s] as number)) s++;
  while (e > s && BYTES_WS.has(b[e - 1] as number)) e--;
  return b.subarray(s, e);
}

/** `bytes.rstrip()`. */
function bytesRstrip(b: Buffer): Buffer {
  let e = b.length;
  while (e > 0 && BYTES_WS.has(b[e - 1] as number)) e--;
  return b.subarray(0, e);
}

/** The headers of a part as the email package's compat32 parser keeps them: name and value, in order. */
function parsePartHeaders(text: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (const raw of text.split(/(?<=\n)/)) {
    const line = raw;
    if (/^[ \t]/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1] as [string, string];
      last[1] += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon), line.slice(colon + 1).replace(/^[ \t]+/, '')]);
  }
  return headers.map(([k, v]) => [k, v.replace(/[\r\n]+$/, '')]);
}

function headerGet(headers: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** One part being read: how many bytes it took and whether the closing boundary (1) or the end (-1) was met. */
interface PartState {
  bytesRead: number;
  done: number;
}

/** `read_lines_to_outerboundary`: the content up to the next boundary line, the last line ending dropped. */
function readToBoundary(fp: BytesIO, boundary: Buffer, limit: number | null, st: PartState): Buffer {
  const next = Buffer.concat([Buffer.from('--'), boundary]);
  const last = Buffer.concat([next, Buffer.from('--')]);
  const out: Buffer[] = [];
  let delim: Buffer = Buffer.alloc(0);
  let lastLineLfend = true;
  let read = 0;
  for (;;) {
    if (limit !== null && limit >= 0 && limit <= read) break;
    let line: Buffer = fp.readline(1 << 16);
    st.bytesRead += line.length;
    read += line.length;
    if (line.length === 0) {
      st.done = -1;
      break;
    }
    if (delim.length === 1 && delim[0] === 0x0d) {
      line = Buffer.concat([delim, line]);
      delim = Buffer.alloc(0);
    }
    if (line[0] === 0x2d && line[1] === 0x2d && lastLineLfend) {
      const stripped = bytesRstrip(line);
      if (stripped.equals(next)) break;
      if (stripped.equals(last)) {
        st.done = 1;
        break;
      }
    }
    const odelim = delim;
    if (line.length >= 2 && line[line.length - 2] === 0x0d && line[line.length - 1] === 0x0a) {
      delim = line.subarray(line.length - 2);
      line = line.subarray(0, -2);
      lastLineLfend = true;
    } else if (line[line.length - 1] === 0x0a) {
      delim = line.subarray(line.length - 1);
      line = line.subarray(0, -1);
      lastLineLfend = true;
    } else if (line[line.length - 1] === 0x0d) {
      delim = line.subarray(line.length - 1);
      line = line.subarray(0, -1);
      lastLineLfend = false;
    } else {
      delim = Buffer.alloc(0);
      lastLineLfend = false;
    }
    out.push(odelim, line);
  }
  return Buffer.concat(out);
}

/** A part as FieldStorage holds it, before webob turns it into a dict entry. */
interface Part {
  readonly name: string | null;
  readonly filename: string | null;
  readonly type: string;
  readonly typeOptions: Map<string, string>;
  readonly headers: Array<[string, string]>;
  /** Bytes of a file part; text of any other (UTF-8, replacement characters). */
  readonly content: Buffer;
}

/** webob's `read_multi`: the parts of one multipart body (ValueError for a bad boundary). */
function readMulti(fp: BytesIO, innerBoundary: Buffer, length: number, limit: number | null, st: PartState): Part[] {
  if (!validBoundary(innerBoundary)) throw new ValueError(`Invalid boundary in multipart form: ${pyBytesRepr(innerBoundary)}`);
  const list: Part[] = [];
  const opening = Buffer.concat([Buffer.from('--'), innerBoundary]);
  let first = fp.readline();
  st.bytesRead += first.length;
  while (!bytesStrip(first).equals(opening) && first.length > 0) {
    first = fp.readline();
    st.bytesRead += first.length;
  }
  for (;;) {
    const chunks: Buffer[] = [];
    for (;;) {
      const data = fp.readline();
      chunks.push(data);
      if (bytesStrip(data).length === 0) break;
    }
    const hdr = Buffer.concat(chunks);
    if (hdr.length === 0) break;
    st.bytesRead += hdr.length;
    const headers = parsePartHeaders(new TextDecoder('utf-8').decode(hdr));
    const partLimit = limit === null ? null : limit - st.bytesRead;
    const partState: PartState = { bytesRead: 0, done: 0 };
    list.push(readPart(fp, headers, innerBoundary, partLimit, partState));
    st.bytesRead += partState.bytesRead;
    if (partState.done || (length > 0 && st.bytesRead >= length)) break;
  }
  return list;
}

function readPart(fp: BytesIO, headers: Array<[string, string]>, outerBoundary: Buffer, limit: number | null, st: PartState): Part {
  const cdisp = headerGet(headers, 'content-disposition');
  const disp = cdisp === undefined ? new Map<string, string>() : parseHeader(cdisp)[1];
  const name = disp.get('name') ?? null;
  const filename = disp.get('filename') ?? null;
  const ctypeHeader = headerGet(headers, 'content-type');
  const [type, typeOptions] = ctypeHeader === undefined ? ['text/plain', new Map<string, string>()] : parseHeader(ctypeHeader);
  if (type.startsWith('multipart/')) throw new NotImplementedError_('a multipart part inside a multipart form is not ported');
  const content = readToBoundary(fp, outerBoundary, limit, st);
  return { name, filename, type, typeOptions, headers, content };
}

/** binascii.a2b_base64 (non-strict): alphabet characters only; padding errors as binascii reports them. */
function a2bBase64(text: string): Buffer {
  const data = text.replace(/[^A-Za-z0-9+/=]/g, '');
  const cut = data.indexOf('=');
  const chars = cut < 0 ? data : data.slice(0, cut);
  const pads = cut < 0 ? 0 : data.slice(cut).replace(/[^=]/g, '').length;
  if (chars.length % 4 === 1) {
    throw new BinasciiError(`Invalid base64-encoded string: number of data characters (${chars.length}) cannot be 1 more than a multiple of 4`);
  }
  if (chars.length % 4 !== 0 && chars.length % 4 + pads < 4) throw new BinasciiError('Incorrect padding');
  return Buffer.from(chars, 'base64');
}

/** binascii.a2b_qp: '=XX' escapes and soft line breaks undone. */
function a2bQp(b: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c !== 0x3d) {
      out.push(c);
      continue;
    }
    if (i + 1 >= b.length) break;
    if (b[i + 1] === 0x0a) {
      i += 1;
      continue;
    }
    if (b[i + 1] === 0x0d && b[i + 2] === 0x0a) {
      i += 2;
      continue;
    }
    const hex = latin1Decode(b.subarray(i + 1, i + 3));
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(c);
  }
  return Buffer.from(out);
}

/** binascii.Error (a ValueError). */
export class BinasciiError extends ValueError {
  override get pyName(): string {
    return 'Error';
  }
}

/** `text.encode('utf8').decode(charset)`, as webob re-decodes a part naming another charset. */
function redecode(text: string, charset: string): string {
  return pyDecode(Buffer.from(text, 'utf8'), charset);
}

/** `MultiDict.from_fieldstorage(FieldStorage(body))`: the fields of a multipart form, in order. */
export function multipartFields(fp: BytesIO, contentType: string, contentLength: number): Array<[string | null, FormValue]> {
  const [, pdict] = parseHeader(contentType);
  const boundary = Buffer.from(pdict.get('boundary') ?? '', 'utf8');
  const st: PartState = { bytesRead: 0, done: 0 };
  const parts = readMulti(fp, boundary, contentLength, contentLength >= 0 ? contentLength : null, st);
  const out: Array<[string | null, FormValue]> = [];
  for (const part of parts) {
    const charset = part.typeOptions.get('charset') ?? 'utf8';
    const decode = (s: string): string => (charset === 'utf8' ? s : redecode(s, charset));
    if (part.filename) {
      out.push([part.name, new FieldStorage(part.name, decode(part.filename), part.type, part.content, part.headers)]);
      continue;
    }
    let value = new TextDecoder('utf-8').decode(part.content);
    const cte = headerGet(part.headers, 'Content-Transfer-Encoding');
    if (cte === 'base64') value = utf8Decode(a2bBase64(value));
    else if (cte === 'quoted-printable') value = utf8Decode(a2bQp(Buffer.from(value, 'utf8')));
    out.push([part.name, decode(value)]);
  }
  return out;
}
