/**
 * The flattened model. It answers format 2, the HTTP requests clients
 * send, through the front in src/domain/http/ over the use cases in
 * src/domain/<area>/; format 1 (controller calls with parsed arguments,
 * which no client can make) is the legacy model's alone.
 */
import type { HttpSession } from '../shared/http.js';
import type { Model } from '../shared/world.js';
import { FlatHttpSession } from './http/session.js';

export const flatModel: Model = {
  name: 'flat',
  openHttp: (world): HttpSession => new FlatHttpSession(world),
};
