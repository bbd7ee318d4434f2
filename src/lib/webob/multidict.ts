/**
 * webob.multidict: an ordered dict with several values per key (the query
 * string, form fields, response headers), and the views Request builds on it.
 *
 * `getItem(k)` is Python's `d[k]` (the LAST value, KeyError if none), `get`
 * is `d.get(k, default)`, `getall`, `getone` (KeyError when several), `mixed`,
 * `dictOfLists`, `add`, `setItem` (replaces every value), `delItem`,
 * `contains`, `items()` / `keys()` / `values()` in insertion order, `len()`.
 *
 * @see webob/multidict.py
 */
import { KeyError, pyRepr } from '../python.js';
import type { Environ } from './wsgi.js';
import { urlEncodePairs } from './compat.js';

export class MultiDict<V = string> {
  /** The (key, value) pairs in order; a response headers view shares this array. */
  protected _items: Array<[string, V]>;

  constructor(items: Iterable<readonly [string, V]> = []) {
    this._items = [...items].map(([k, v]) => [k, v] as [string, V]);
  }

  /** `MultiDict.view_list(lst)`: a dict that reads and writes `lst` in place. */
  static viewList<V>(list: Array<[string, V]>): MultiDict<V> {
    const d = new MultiDict<V>();
    d._items = list;
    return d;
  }

  protected keyEq(a: string, b: string): boolean {
    return a === b;
  }

  /** `d[key]`: the last value for the key. */
  getItem(key: string): V {
    for (let i = this._items.length - 1; i >= 0; i--) {
      const [k, v] = this._items[i] as [string, V];
      if (this.keyEq(k, key)) return v;
    }
    throw new KeyError(key);
  }

  /** `d.get(key, default)`. */
  get<D = null>(key: string, fallback: D = null as D): V | D {
    return this.contains(key) ? this.getItem(key) : fallback;
  }

  /** `d[key] = value`: drops every earlier value, appends. */
  setItem(key: string, value: V): void {
    this._items = this.without(key);
    this._items.push([key, value]);
  }

  /** Filters out `key` in place (views keep sharing the same array). */
  protected without(key: string): Array<[string, V]> {
    const kept = this._items.filter(([k]) => !this.keyEq(k, key));
    this._items.length = 0;
    this._items.push(...kept);
    return this._items;
  }

  add(key: string, value: V): void {
    this._items.push([key, value]);
  }

  getall(key: string): V[] {
    return this._items.filter(([k]) => this.keyEq(k, key)).map(([, v]) => v);
  }

  /** One value, KeyError when none or several (messages as webob's). */
  getone(key: string): V {
    const v = this.getall(key);
    if (v.length === 0) throw new KeyError(`Key not found: ${pyRepr(key)}`);
    if (v.length > 1) throw new KeyError(`Multiple values match ${pyRepr(key)}: ${pyRepr(v)}`);
    return v[0] as V;
  }

  /** A dict whose values are single values or lists for repeated keys. */
  mixed(): Map<string, V | V[]> {
    const result = new Map<string, V | V[]>();
    const multi = new Set<string>();
    for (const [k, v] of this.items()) {
      if (result.has(k)) {
        if (multi.has(k)) (result.get(k) as V[]).push(v);
        else {
          result.set(k, [result.get(k) as V, v]);
          multi.add(k);
        }
      } else result.set(k, v);
    }
    return result;
  }

  dictOfLists(): Map<string, V[]> {
    const r = new Map<string, V[]>();
    for (const [k, v] of this.items()) {
      const list = r.get(k);
      if (list) list.push(v);
      else r.set(k, [v]);
    }
    return r;
  }

  /** `del d[key]`: every value; KeyError if none. */
  delItem(key: string): void {
    if (!this.contains(key)) throw new KeyError(key);
    this.without(key);
  }

  contains(key: string): boolean {
    return this._items.some(([k]) => this.keyEq(k, key));
  }

  clear(): void {
    this._items.length = 0;
  }

  setdefault(key: string, fallback: V): V {
    for (const [k, v] of this._items) if (this.keyEq(k, key)) return v;
    this._items.push([key, fallback]);
    return fallback;
  }

  /** `d.pop(key[, default])`: the FIRST value for the key. */
  pop(key: string, ...fallback: [V?]): V {
    const i = this._items.findIndex(([k]) => this.keyEq(k, key));
    if (i >= 0) return (this._items.splice(i, 1)[0] as [string, V])[1];
    if (fallback.length > 0) return fallback[0] as V;
    throw new KeyError(key);
  }

  extend(other: Iterable<readonly [string, V]>): void {
    for (const [k, v] of other) this._items.push([k, v]);
  }

  items(): Array<[string, V]> {
    return this._items.map(([k, v]) => [k, v]);
  }

  keys(): string[] {
    return this._items.map(([k]) => k);
  }

  values(): V[] {
    return this._items.map(([, v]) => v);
  }

  len(): number {
    return this._items.length;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }

  copy(): MultiDict<V> {
    return new MultiDict<V>(this.items());
  }

  /** Python's `dict(d)`: keys in first-seen order, each with `d[key]` (the last value; for params, GET's before POST's). */
  toDict(): Map<string, V> {
    const out = new Map<string, V>();
    for (const k of this.keys()) if (!out.has(k)) out.set(k, this.getItem(k));
    return out;
  }

  toPyRepr(): string {
    return `${this.constructor.name}([${this._items.map(([k, v]) => `(${pyRepr(k)}, ${pyRepr(v)})`).join(', ')}])`;
  }
}

/**
 * `req.GET`: a MultiDict that writes itself back to QUERY_STRING (urlencoded
 * UTF-8) whenever it is changed.
 */
export class GetDict extends MultiDict<string> {
  constructor(
    items: Iterable<readonly [string, string]>,
    readonly env: Environ,
  ) {
    super(items);
  }

  private onChange(): void {
    const qs = urlEncodePairs(this.items());
    this.env['QUERY_STRING'] = qs;
    this.env['webob._parsed_query_vars'] = [this, qs];
  }

  override setItem(key: string, value: string): void {
    super.setItem(key, value);
    this.onChange();
  }
  override add(key: string, value: string): void {
    super.add(key, value);
    this.onChange();
  }
  override delItem(key: string): void {
    super.delItem(key);
    this.onChange();
  }
  override clear(): void {
    super.clear();
    this.onChange();
  }
  override setdefault(key: string, fallback: string): string {
    const r = super.setdefault(key, fallback);
    this.onChange();
    return r;
  }
  override pop(key: string, ...fallback: [string?]): string {
    const r = super.pop(key, ...fallback);
    this.onChange();
    return r;
  }
  override extend(other: Iterable<readonly [string, string]>): void {
    super.extend(other);
    this.onChange();
  }
  override copy(): MultiDict<string> {
    return new MultiDict<string>(this.items());
  }
  override toPyRepr(): string {
    return `GET([${this._items.map(([k, v]) => `(${pyRepr(k)}, ${pyRepr(v)})`).join(', ')}])`;
  }
}

/** `req.POST` of a request that is not a form submission: an empty, read-only dict. */
export class NoVars extends MultiDict<string> {
  constructor(readonly reason = 'N/A') {
    super();
  }
  override setItem(): void {
    throw new KeyError(`Cannot add variables: ${this.reason}`);
  }
  override add(): void {
    throw new KeyError(`Cannot add variables: ${this.reason}`);
  }
  override toPyRepr(): string {
    return `<NoVars: ${this.reason}>`;
  }
}

/** `req.params`: GET then POST, read as one (the first dict holding a key answers `d[k]`). */
export class NestedMultiDict extends MultiDict<string> {
  readonly dicts: ReadonlyArray<MultiDict<string>>;
  constructor(...dicts: Array<MultiDict<string>>) {
    super();
    this.dicts = dicts;
    this._items = [];
  }
  override getItem(key: string): string {
    for (const d of this.dicts) if (d.contains(key)) return d.getItem(key);
    throw new KeyError(key);
  }
  override getall(key: string): string[] {
    return this.dicts.flatMap((d) => d.getall(key));
  }
  override contains(key: string): boolean {
    return this.dicts.some((d) => d.contains(key));
  }
  override items(): Array<[string, string]> {
    return this.dicts.flatMap((d) => d.items());
  }
  override keys(): string[] {
    return this.items().map(([k]) => k);
  }
  override values(): string[] {
    return this.items().map(([, v]) => v);
  }
  override len(): number {
    return this.dicts.reduce((n, d) => n + d.len(), 0);
  }
  private readonly(): never {
    throw new KeyError('NestedMultiDict objects are read-only');
  }
  override setItem(): void {
    this.readonly();
  }
  override add(): void {
    this.readonly();
  }
  override delItem(): void {
    this.readonly();
  }
  override clear(): void {
    this.readonly();
  }
  override setdefault(): string {
    return this.readonly();
  }
  override pop(): string {
    return this.readonly();
  }
  override extend(): void {
    this.readonly();
  }
  override copy(): MultiDict<string> {
    return new MultiDict<string>(this.items());
  }
}
