/**
 * Routes 2.5.1 as Glance's router uses it, ported (see the files for what
 * each part does and where it departs from plain connect-order matching):
 *
 * | module | what |
 * |---|---|
 * | routes/route.ts | Route: path parsing, regexp construction, match |
 * | routes/mapper.ts | Mapper: connect, redirect, routematch / match |
 * | routes/middleware.ts | RoutesMiddleware (method override, routing args), URLGenerator (redirect locations only) |
 *
 * @see routes/ (Routes 2.5.1, Debian 12)
 */
export * from './routes/route.js';
export * from './routes/mapper.js';
export * from './routes/middleware.js';
