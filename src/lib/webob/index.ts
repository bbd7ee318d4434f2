/**
 * WebOb 1.8.6 as Glance's HTTP layer uses it (Python 3, Debian 12), ported:
 *
 * | module | what |
 * |---|---|
 * | wsgi.ts | Environ, StartResponse, WsgiApp, callApp: the WSGI protocol |
 * | environ.ts | environFromRequest (HttpRequest -> environ as the reference runner builds it), v2PathOf, environFromUrl (Request.blank) |
 * | compat.ts | url_unquote, parse_qsl_text, strict UTF-8, UnicodeDecodeError / UnicodeEncodeError |
 * | headers.ts | EnvironHeaders (req.headers), ResponseHeaders (resp.headers), transName / transKey |
 * | multidict.ts | MultiDict, GetDict, NestedMultiDict, NoVars |
 * | acceptparse.ts | createAcceptHeader, createAcceptLanguageHeader and their classes |
 * | request.ts | Request |
 * | multipart.ts | multipart/form-data bodies as cgi.FieldStorage reads them (req.POST) |
 * | byterange.ts | Range / Content-Range headers |
 * | io.ts | BytesIO, StreamInput, LimitedLengthFile: the body files |
 * | urlparse.ts | urljoin as CPython does it |
 * | util.ts | status reason phrases, string.Template |
 * | response.ts | Response, requestUri, makeLocationAbsolute |
 * | exc.ts | the HTTP exceptions and their error pages |
 * | dec.ts | wsgify |
 * | serve.ts | httpResponseOf (Response -> HttpResponse), serveRequest |
 */
export * from './wsgi.js';
export * from './compat.js';
export * from './environ.js';
export * from './headers.js';
export * from './multidict.js';
export * from './acceptparse.js';
export * from './io.js';
export * from './request.js';
export * from './multipart.js';
export * from './byterange.js';
export * from './response.js';
export * from './util.js';
export * from './urlparse.js';
export * as exc from './exc.js';
export * from './dec.js';
export * from './serve.js';
