/**
 * The HTTP front, where Glance 16.0.0's middleware, router and wsgi
 * Resource answer by accident rather than by design.
 * @see glance/api/v2/router.py, glance/common/wsgi.py Resource
 * @see glance/api/middleware/context.py ContextMiddleware
 */
import { exc, FieldStorage, UnicodeDecodeError, type Request } from '../../lib/webob/index.js';
import { DomainError } from '../errors.js';

/**
 * docs/divergence-candidates.md #42: the task schema documents are routed
 * without a deserializer of their own (router.py), so their body is not
 * refused: a JSON one reaches the action.
 */
export const TASK_SCHEMA_BODY = 'unexpected';

/**
 * docs/divergence-candidates.md #42: a route whose deserializer has no
 * method for its action hands the JSON body to the action as a `body`
 * keyword it does not take (TypeError, 500).
 */
export function unexpectedBody(action: string): DomainError {
  return new DomainError('TypeError', `${action}() got an unexpected keyword argument 'body'`);
}

/** CONF.max_request_id_length at Glance's default. */
const MAX_REQUEST_ID_LENGTH = 64;

/**
 * docs/divergence-candidates.md #43: an over-long X-OpenStack-Request-ID
 * makes the context middleware return (not raise) an error object, which
 * then stands as the request's context.
 */
export function requestIdTooLong(requestId: unknown): boolean {
  return typeof requestId === 'string' && [...requestId].length > MAX_REQUEST_ID_LENGTH;
}

/**
 * docs/divergence-candidates.md #43: such a context fails the first time
 * anything reads it (500); schemas and discovery, which never read it,
 * answer.
 */
export function unusableContext(): DomainError {
  return new DomainError('AttributeError', "'HTTPRequestHeaderFieldsTooLarge' object has no attribute 'read_only'");
}

/**
 * docs/divergence-candidates.md #43: the image and member readers (index,
 * show, download, members index and show) ask the gateway for their
 * repositories before anything reads the context, and the gateway builds
 * the property rules first; so there a malformed protections file is the
 * failure, not the unusable context. Every writer is `@utils.mutating`,
 * which reads `context.read_only` first; task and catalog repositories have
 * no rules.
 */
const RULES_BEFORE_CONTEXT: ReadonlySet<string> = new Set(['images.index', 'images.show', 'data.download', 'members.index', 'members.show']);

export function buildsPropertyRulesFirst(action: string): boolean {
  return RULES_BEFORE_CONTEXT.has(action);
}

/**
 * docs/divergence-candidates.md #43: every catalog controller but namespace
 * create (the only `@utils.mutating` one, which reads `read_only` first)
 * reads the context inside its `try`, whose `except Exception` answers a
 * bare 500; the resource-type listings put the exception's text in it, and
 * there the policy check is what reads the context first.
 * @returns what the unusable context's failure `e` becomes on `action`.
 */
export function catalogContextFailure(action: string, e: unknown): unknown {
  if (action === 'metadef_namespaces.create') return e;
  const listing = action === 'metadef_resource_types.index' || action === 'metadef_resource_types.show';
  const detail = listing ? "'HTTPRequestHeaderFieldsTooLarge' object has no attribute 'to_policy_values'" : '';
  return new DomainError('HTTPInternalServerError', detail, { positional: true });
}


/**
 * docs/divergence-candidates.md #44: the anonymous context is built
 * without the deployment's owner_is_tenant, so it keeps the default (True).
 */
export const ANONYMOUS_OWNER_IS_TENANT = true;

/**
 * docs/divergence-candidates.md #45: the method the router matches with:
 * Routes' `_method` override, from the query string (its last value) or a
 * form-encoded POST body, upper-cased. The request keeps its real method;
 * only the route choice changes.
 */
export function routeMatchingMethod(req: Request): string {
  let override: unknown = null;
  const query = String(req.environ['QUERY_STRING'] ?? '');
  try {
    if (query.includes('_method')) override = req.GET.get('_method');
    else if (req.method === 'POST' && isForm(req)) override = req.POST.get('_method');
  } catch (e) {
    if (!(e instanceof UnicodeDecodeError)) throw e;
  }
  // A file part named _method is a FieldStorage, whose truth value raises TypeError.
  if (override instanceof FieldStorage) override.truthy();
  return typeof override === 'string' && override ? override.toUpperCase() : req.method;
}

function isForm(req: Request): boolean {
  const type = String(req.environ['CONTENT_TYPE'] ?? '').toLowerCase().split(';', 1)[0];
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}

/**
 * docs/divergence-candidates.md #69: a result Glance's wsgi.Resource could
 * not serialize. When a serializer raises anything but a webob HTTP error,
 * Resource returns the action's raw result instead; webob then calls that
 * image (or dict) as a WSGI application, and the TypeError ("'ImageProxy'
 * object is not callable") escapes to the server: 500, an empty text/plain
 * body, with the action's writes and notifications already done.
 */
export class UnserializableResult extends Error {
  constructor(readonly raisedBySerializer: unknown) {
    super("'ImageProxy' object is not callable");
  }
}

/** docs/divergence-candidates.md #69: runs a serializer step; what Resource would swallow becomes an UnserializableResult. */
export function serializing<T>(step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof exc.WSGIHTTPException || (e instanceof DomainError && e.fromController)) throw e;
    throw new UnserializableResult(e);
  }
}
