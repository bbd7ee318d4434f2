/**
 * `jsonschema.exceptions.best_match` and `relevance` (by_relevance with
 * anyOf/oneOf weak): the error highest up in the instance wins, errors of a
 * weak keyword lose to others at the same depth, and errors whose schema's
 * `type` the instance does have lose to those whose type it lacks; on a
 * tie the first error wins. A winning anyOf/oneOf error is replaced by the
 * least relevant of its context errors (deepest first), unless the two
 * least relevant tie.
 */
import type { JsonSchemaError } from './errors.js';

const WEAK_MATCHES = new Set<unknown>(['anyOf', 'oneOf']);
const STRONG_MATCHES = new Set<unknown>();

/** The relevance key: a tuple compared element by element (False < True). */
export type Relevance = readonly [number, boolean, boolean, boolean];

/** `relevance(error)`. */
export function relevance(error: JsonSchemaError): Relevance {
  return [-error.path.length, !WEAK_MATCHES.has(error.validator), STRONG_MATCHES.has(error.validator), !error._matches_type()];
}

function compareKeys(a: Relevance, b: Relevance): number {
  for (let i = 0; i < a.length; i++) {
    const x = Number(a[i]);
    const y = Number(b[i]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** `best_match(errors)`: undefined when there are none. */
export function bestMatch<E extends JsonSchemaError>(errors: Iterable<E>, key: (e: E) => Relevance = relevance): E | undefined {
  let best: E | undefined;
  let bestKey: Relevance | undefined;
  // max() keeps the first of equal maxima.
  for (const error of errors) {
    const k = key(error);
    if (best === undefined || compareKeys(k, bestKey as Relevance) > 0) {
      best = error;
      bestKey = k;
    }
  }
  if (best === undefined) return undefined;
  let current: E = best;
  while (current.context.length > 0) {
    // heapq.nsmallest(2, ...) is a stable sort's first two.
    const ranked: Array<{ e: E; k: Relevance; i: number }> = (current.context as unknown as E[])
      .map((e, i) => ({ e, k: key(e), i }))
      .sort((a, b) => compareKeys(a.k, b.k) || a.i - b.i);
    const first = ranked[0];
    const second = ranked[1];
    if (first === undefined) break;
    if (second !== undefined && compareKeys(first.k, second.k) === 0) return current;
    current = first.e;
  }
  return current;
}
