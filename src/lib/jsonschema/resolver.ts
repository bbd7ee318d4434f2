/**
 * jsonschema 4.10.3's `RefResolver` (jsonschema/validators.py): a stack of
 * resolution scopes, a store of known documents (the meta-schemas and
 * vocabularies, and the root schema under its own id), and `resolve(ref)`:
 * join the ref to the current scope, look for a subschema of the root whose
 * `$id` names that URL, else take the document from the store (no remote
 * fetching here) and follow the fragment: an `$anchor`/`$dynamicAnchor`,
 * an `id`/`$id` of "#fragment", or a JSON pointer.
 */
import { pyRepr } from '../python.js';
import { RefResolutionError } from './errors.js';
import { unquote, urldefrag, urljoin, urlsplit, normalizeUri } from './urls.js';
import { dictEntries, dictGet, dictHas, isDict } from './values.js';

const SUBSCHEMAS_KEYWORDS = ['$id', 'id', '$anchor', '$dynamicAnchor'] as const;

/**
 * `_search_schema`: the dicts of a document, breadth first (a deque popped
 * from the right and extended on the left); lists are not looked into.
 */
function* searchSchema(schema: unknown): Generator<Record<string, unknown> | Map<unknown, unknown>> {
  const values: unknown[] = [schema];
  while (values.length > 0) {
    const value = values.pop();
    if (!isDict(value)) continue;
    yield value;
    const children = dictEntries(value).map(([, v]) => v);
    values.unshift(...children.reverse());
  }
}

/** The documents every resolver starts with, keyed by normalised URI (shared, never written to). */
export type SchemaStore = ReadonlyMap<string, unknown>;

/** Builds a store from (uri, document) pairs, normalising the URIs as URIDict does. */
export function makeStore(entries: Iterable<readonly [string, unknown]>): SchemaStore {
  const store = new Map<string, unknown>();
  for (const [uri, document] of entries) store.set(normalizeUri(uri), document);
  return store;
}

export class RefResolver {
  private readonly scopesStack: string[];
  /** `store[base_uri] = referrer`: the one entry a resolver adds over the shared store. */
  private readonly baseKey: string;
  private subschemasCache: Map<string, Array<Record<string, unknown> | Map<unknown, unknown>>> | null = null;
  private readonly subschemaLookups = new Map<string, [string, unknown] | null>();
  private readonly remoteCache = new Map<string, unknown>();

  constructor(
    baseUri: string,
    readonly referrer: unknown,
    private readonly store: SchemaStore = new Map(),
  ) {
    this.scopesStack = [baseUri];
    this.baseKey = normalizeUri(baseUri);
  }

  get resolutionScope(): string {
    return this.scopesStack[this.scopesStack.length - 1] as string;
  }

  /** `_scopes_stack`, bottom first ($dynamicRef walks it). */
  get scopes(): readonly string[] {
    return this.scopesStack;
  }

  pushScope(scope: string): void {
    this.scopesStack.push(urljoin(this.resolutionScope, scope));
  }

  popScope(): void {
    if (this.scopesStack.length === 0) {
      throw new RefResolutionError('Failed to pop the scope from an empty stack. `pop_scope()` should only be called once for every `push_scope()`');
    }
    this.scopesStack.pop();
  }

  /** `resolving(ref)` as a callback: the resolved schema with its URL pushed as the scope. */
  *resolving<T>(ref: string, body: (resolved: unknown) => Generator<T, void, undefined>): Generator<T, void, undefined> {
    const [url, resolved] = this.resolve(ref);
    this.pushScope(url);
    try {
      yield* body(resolved);
    } finally {
      this.popScope();
    }
  }

  /** `resolve(ref)`: [url, schema]. */
  resolve(ref: unknown): [string, unknown] {
    const url = urljoin(this.resolutionScope, ref).replace(/\/+$/, '');
    const match = this.findInSubschemas(url);
    if (match !== null) return match;
    if (!this.remoteCache.has(url)) this.remoteCache.set(url, this.resolveFromUrl(url));
    return [url, this.remoteCache.get(url)];
  }

  /** `resolve_from_url`: the document from the store (or the root), then the fragment. */
  resolveFromUrl(input: string): unknown {
    const [url, fragment] = urldefrag(input);
    let document: unknown;
    if (url) {
      const key = normalizeUri(url);
      if (key === this.baseKey) document = this.referrer;
      else if (this.store.has(key)) document = this.store.get(key);
      else throw new RefResolutionError(remoteFailure(url));
    } else {
      document = this.referrer;
    }
    return this.resolveFragment(document, fragment);
  }

  /** `resolve_fragment(document, fragment)`. */
  resolveFragment(document: unknown, fragmentInput: string): unknown {
    const fragment = fragmentInput.replace(/^\/+/, '');
    if (!fragment) return document;
    const find = (keyword: string): Iterable<Record<string, unknown> | Map<unknown, unknown>> =>
      document === this.referrer ? (this.subschemas().get(keyword) ?? []) : [...searchSchema(document)].filter((s) => dictHas(s, keyword));
    for (const keyword of ['$anchor', '$dynamicAnchor']) {
      for (const subschema of find(keyword)) if (fragment === dictGet(subschema, keyword)) return subschema;
    }
    for (const keyword of ['id', '$id']) {
      for (const subschema of find(keyword)) if ('#' + fragment === dictGet(subschema, keyword)) return subschema;
    }
    let current = document;
    for (const raw of unquote(fragment).split('/')) {
      const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      current = pointerStep(current, part, fragment);
    }
    return current;
  }

  /** `_get_subschemas_cache`: the root's dicts that carry an id or anchor keyword, per keyword. */
  private subschemas(): Map<string, Array<Record<string, unknown> | Map<unknown, unknown>>> {
    if (this.subschemasCache === null) {
      const cache = new Map<string, Array<Record<string, unknown> | Map<unknown, unknown>>>(SUBSCHEMAS_KEYWORDS.map((k) => [k, []]));
      for (const value of searchSchema(this.referrer)) {
        for (const keyword of SUBSCHEMAS_KEYWORDS) if (dictHas(value, keyword)) cache.get(keyword)?.push(value);
      }
      this.subschemasCache = cache;
    }
    return this.subschemasCache;
  }

  /**
   * `_find_in_subschemas(url)`: a subschema of the root whose `$id` (joined
   * to the scope of the first lookup of this url: Python caches the answer
   * per url) names the url.
   */
  private findInSubschemas(url: string): [string, unknown] | null {
    const cached = this.subschemaLookups.get(url);
    if (cached !== undefined) return cached;
    let found: [string, unknown] | null = null;
    const withIds = this.subschemas().get('$id') ?? [];
    if (withIds.length > 0) {
      const [uri, fragment] = urldefrag(url);
      for (const subschema of withIds) {
        const target = urljoin(this.resolutionScope, dictGet(subschema, '$id'));
        if (target.replace(/\/+$/, '') === uri.replace(/\/+$/, '')) {
          found = [url, fragment ? this.resolveFragment(subschema, fragment) : subschema];
          break;
        }
      }
    }
    this.subschemaLookups.set(url, found);
    return found;
  }
}

/** One JSON pointer step: a dict key, or a list index (negative ones count from the end, as Python's do). */
function pointerStep(document: unknown, part: string, fragment: string): unknown {
  const fail = (): RefResolutionError => new RefResolutionError(`Unresolvable JSON pointer: ${pyRepr(fragment)}`);
  if (Array.isArray(document)) {
    if (!/^\s*[-+]?\d+\s*$/.test(part)) throw fail();
    let index = Number(part.trim());
    if (index < 0) index += document.length;
    if (index < 0 || index >= document.length) throw fail();
    return document[index];
  }
  if (typeof document === 'string') {
    // A str is a Sequence too: an index picks a character, a key raises TypeError (reported the same way).
    if (!/^\s*[-+]?\d+\s*$/.test(part)) throw fail();
    const chars = [...document];
    let index = Number(part.trim());
    if (index < 0) index += chars.length;
    if (index < 0 || index >= chars.length) throw fail();
    return chars[index];
  }
  if (isDict(document) && dictHas(document, part)) return dictGet(document, part);
  throw fail();
}

/**
 * What jsonschema reports when a ref names a document it does not have and
 * would fetch: only the scheme-less case (urlopen's ValueError) has a text
 * this port can know; network fetches are not made.
 */
function remoteFailure(url: string): string {
  const { scheme } = urlsplit(url);
  if (!scheme) return `unknown url type: ${pyRepr(url)}`;
  return `cannot fetch ${url}: remote references are not resolved`;
}
