/**
 * A use case's failure as the HTTP error Glance answers with: the webob
 * exception of its status, its text given as the explanation (or as the
 * positional detail webob shows after its stock text), rendered by webob
 * for the request's Accept header. A crash is Glance's bare 500, told
 * apart from other 500s only by the class of what escaped.
 */
import { exc } from '../../lib/webob/index.js';
import { DomainError, pyName } from '../errors.js';

/** The error page of a failure: webob's class for its status; an empty text is webob's stock explanation. */
export function failurePage(e: DomainError): exc.WSGIHTTPException {
  const Page = exc.STATUS_MAP.get(e.status) as new (opts?: exc.HttpExceptionOptions) => exc.WSGIHTTPException;
  if (e.crashed || e.message === '') return new Page();
  return new Page(e.positional ? { detail: e.message } : { explanation: e.message });
}

/**
 * The Python class a failure stands for: the exception behind a bare 500,
 * the webob class of any other answer; `JS:<name>` for a JavaScript error
 * this model let escape (a bug).
 */
export function pyClassOf(e: unknown): string {
  if (e instanceof DomainError) return e.crashed ? e.glanceClass : pageClassOf(e);
  if (pyName(e) !== '') return pyName(e);
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'RecursionError';
  return `JS:${e instanceof Error ? e.constructor.name : typeof e}`;
}

/** The class of a failure's page follows from its status alone: one page built per status, not one per failure. */
const PAGE_CLASSES = new Map<number, string>();

function pageClassOf(e: DomainError): string {
  let name = PAGE_CLASSES.get(e.status);
  if (name === undefined) {
    name = failurePage(e).pyName;
    PAGE_CLASSES.set(e.status, name);
  }
  return name;
}
