/**
 * webob.util: the reason phrases a status code gets (`Response.status = 404`
 * gives '404 Not Found'; an unknown code gets its class's generic phrase)
 * and Python's `string.Template`, which webob.exc renders its pages with.
 *
 * @see webob/util.py, CPython Lib/string.py Template
 */
import { KeyError, ValueError } from '../python.js';

/** webob.util.status_reasons (note '414 Request URI Too Long' and '416 Requested Range Not Satisfiable', unlike webob.exc's titles). */
export const STATUS_REASONS: ReadonlyMap<number, string> = new Map([
  [100, 'Continue'], [101, 'Switching Protocols'], [102, 'Processing'],
  [200, 'OK'], [201, 'Created'], [202, 'Accepted'], [203, 'Non-Authoritative Information'], [204, 'No Content'],
  [205, 'Reset Content'], [206, 'Partial Content'], [207, 'Multi Status'], [226, 'IM Used'],
  [300, 'Multiple Choices'], [301, 'Moved Permanently'], [302, 'Found'], [303, 'See Other'], [304, 'Not Modified'],
  [305, 'Use Proxy'], [307, 'Temporary Redirect'], [308, 'Permanent Redirect'],
  [400, 'Bad Request'], [401, 'Unauthorized'], [402, 'Payment Required'], [403, 'Forbidden'], [404, 'Not Found'],
  [405, 'Method Not Allowed'], [406, 'Not Acceptable'], [407, 'Proxy Authentication Required'], [408, 'Request Timeout'],
  [409, 'Conflict'], [410, 'Gone'], [411, 'Length Required'], [412, 'Precondition Failed'], [413, 'Request Entity Too Large'],
  [414, 'Request URI Too Long'], [415, 'Unsupported Media Type'], [416, 'Requested Range Not Satisfiable'],
  [417, 'Expectation Failed'], [418, "I'm a teapot"], [422, 'Unprocessable Entity'], [423, 'Locked'],
  [424, 'Failed Dependency'], [426, 'Upgrade Required'], [428, 'Precondition Required'], [429, 'Too Many Requests'],
  [451, 'Unavailable for Legal Reasons'], [431, 'Request Header Fields Too Large'],
  [500, 'Internal Server Error'], [501, 'Not Implemented'], [502, 'Bad Gateway'], [503, 'Service Unavailable'],
  [504, 'Gateway Timeout'], [505, 'HTTP Version Not Supported'], [507, 'Insufficient Storage'], [510, 'Not Extended'],
  [511, 'Network Authentication Required'],
]);

/** webob.util.status_generic_reasons, by `code // 100`. */
export const STATUS_GENERIC_REASONS: ReadonlyMap<number, string> = new Map([
  [1, 'Continue'], [2, 'Success'], [3, 'Multiple Choices'], [4, 'Unknown Client Error'], [5, 'Unknown Server Error'],
]);

/** `'%d %s' % (code, reason)` as Response.status_code's setter builds it; KeyError outside 100..599. */
export function statusLineFor(code: number): string {
  const reason = STATUS_REASONS.get(code) ?? STATUS_GENERIC_REASONS.get(Math.floor(code / 100));
  if (reason === undefined) throw new KeyError(Math.floor(code / 100));
  return `${code} ${reason}`;
}

/** A value substituted into a template: text, or anything whose `str()` is computed when used (webob's lazified escape). */
export type TemplateValue = string | { toString(): string };

/** The names a template reads, looked up as they are used. */
export type TemplateArgs = (name: string) => TemplateValue | undefined;

// string.Template's pattern: $$, $identifier, ${identifier}, or a bare $ (invalid).
// The identifier is ASCII: (?a:[_a-z][_a-z0-9]*) with re.IGNORECASE.
const TEMPLATE_RE = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|())/g;

/** `Template(template).safe_substitute(args)`: unknown names and stray '$' stay as written. */
export function safeSubstitute(template: string, args: TemplateArgs): string {
  return template.replace(TEMPLATE_RE, (whole: string, escaped?: string, named?: string, braced?: string) => {
    if (escaped !== undefined) return '$';
    const name = named ?? braced;
    if (name === undefined) return whole;
    const v = args(name);
    return v === undefined ? whole : String(v);
  });
}

/** `Template(template).substitute(args)`: KeyError for an unknown name, ValueError for a stray '$'. */
export function substitute(template: string, args: TemplateArgs): string {
  return template.replace(TEMPLATE_RE, (_whole: string, escaped?: string, named?: string, braced?: string, ...rest: unknown[]) => {
    if (escaped !== undefined) return '$';
    const name = named ?? braced;
    if (name === undefined) {
      const offset = rest.find((x) => typeof x === 'number') as number;
      throw new ValueError(`Invalid placeholder in string: line ${lineOf(template, offset)}, col ${colOf(template, offset)}`);
    }
    const v = args(name);
    if (v === undefined) throw new KeyError(name);
    return String(v);
  });
}

function lineOf(s: string, offset: number): number {
  return s.slice(0, offset).split('\n').length;
}

function colOf(s: string, offset: number): number {
  return offset - s.lastIndexOf('\n', offset - 1);
}
