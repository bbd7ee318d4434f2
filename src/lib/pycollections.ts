/**
 * Python's list, dict and set protocols, as Glance's proxies rely on them.
 *
 * Glance wraps `image.locations`, `image.extra_properties` and `image.tags`
 * in layer after layer of objects that subclass `list`, `dict`, `set`,
 * `MutableSequence` or `MutableMapping` and override a few methods. Which
 * method a layer overrides decides the behaviour (a mixin `append` calls
 * `insert`; a builtin `list.append` does not), so the port keeps both kinds:
 * the builtin classes (PyList, PyDict, PySet) whose methods stand alone, and
 * the abstract mixins (MutableSequence, MutableMapping) whose derived methods
 * call the primitive ones, exactly as collections.abc does.
 */
import { IndexError, KeyError, ValueError, pyRepr } from './python.js';

/** Python `==` for JSON-shaped values (dicts by content, lists in order). */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return a === b || (a === undefined && b === null) || (a === null && b === undefined);
  }
  if (isSequence(a) && isSequence(b)) {
    const xs = [...a];
    const ys = [...b];
    return xs.length === ys.length && xs.every((x, i) => pyEquals(x, ys[i]));
  }
  if (isMapping(a) && isMapping(b)) {
    const ea = mappingEntries(a);
    const eb = new Map(mappingEntries(b));
    return ea.length === eb.size && ea.every(([k, v]) => eb.has(k) && pyEquals(v, eb.get(k)));
  }
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => b.has(x));
  if (a instanceof PySet && b instanceof PySet) return pyEquals(a.toSet(), b.toSet());
  return false;
}

function isSequence(x: object): x is Iterable<unknown> {
  return Array.isArray(x) || x instanceof MutableSequence || x instanceof PyList;
}
function isMapping(x: object): boolean {
  return x instanceof Map || x instanceof MutableMapping || x instanceof PyDict || (Object.getPrototypeOf(x) === Object.prototype);
}
function mappingEntries(x: object): Array<[unknown, unknown]> {
  if (x instanceof Map) return [...x.entries()];
  if (x instanceof MutableMapping || x instanceof PyDict) return x.items();
  return Object.entries(x);
}

/** Normalises a Python index (negative counts from the end). */
export function pyIndex(i: number, length: number, what = 'list index out of range'): number {
  const j = i < 0 ? i + length : i;
  if (j < 0 || j >= length) throw new IndexError(what);
  return j;
}

// ---------------------------------------------------------------- sequences

/** The list protocol every locations wrapper offers. */
export interface PySequenceLike<T> extends Iterable<T> {
  len(): number;
  getItem(i: number): T;
  setItem(i: number, value: T): void;
  delItem(i: number): void;
  insert(i: number, value: T): void;
  append(value: T): void;
  extend(values: Iterable<T>): void;
  pop(i?: number): T;
  remove(value: T): void;
  index(value: T): number;
  count(value: T): number;
  reverse(): void;
  contains(value: T): boolean;
  /** `x += values` */
  iadd(values: Iterable<T>): this;
  /** `list(x)`: a plain array of the items. */
  toArray(): T[];
}

/** collections.abc.MutableSequence: derived methods call the primitives. */
export abstract class MutableSequence<T> implements PySequenceLike<T> {
  abstract len(): number;
  abstract getItem(i: number): T;
  abstract setItem(i: number, value: T): void;
  abstract delItem(i: number): void;
  abstract insert(i: number, value: T): void;

  *[Symbol.iterator](): Iterator<T> {
    // Sequence.__iter__: index until IndexError.
    for (let i = 0; ; i++) {
      let v: T;
      try {
        v = this.getItem(i);
      } catch (e) {
        if (e instanceof IndexError) return;
        throw e;
      }
      yield v;
    }
  }
  contains(value: T): boolean {
    for (const v of this) if (v === value || pyEquals(v, value)) return true;
    return false;
  }
  index(value: T): number {
    let i = 0;
    for (const v of this) {
      if (v === value || pyEquals(v, value)) return i;
      i++;
    }
    throw new ValueError('');
  }
  count(value: T): number {
    let n = 0;
    for (const v of this) if (v === value || pyEquals(v, value)) n++;
    return n;
  }
  append(value: T): void {
    this.insert(this.len(), value);
  }
  extend(values: Iterable<T>): void {
    for (const v of [...values]) this.append(v);
  }
  pop(i = -1): T {
    const v = this.getItem(i);
    this.delItem(i);
    return v;
  }
  remove(value: T): void {
    this.delItem(this.index(value));
  }
  reverse(): void {
    const n = this.len();
    for (let i = 0; i < Math.floor(n / 2); i++) {
      const a = this.getItem(i);
      const b = this.getItem(n - i - 1);
      this.setItem(i, b);
      this.setItem(n - i - 1, a);
    }
  }
  iadd(values: Iterable<T>): this {
    this.extend(values);
    return this;
  }
  toArray(): T[] {
    return [...this];
  }
}

/** Python's builtin list: each method stands alone. */
export class PyList<T> implements PySequenceLike<T> {
  protected items: T[];
  constructor(items: Iterable<T> = []) {
    this.items = [...items];
  }
  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }
  len(): number {
    return this.items.length;
  }
  getItem(i: number): T {
    return this.items[pyIndex(i, this.items.length)] as T;
  }
  setItem(i: number, value: T): void {
    this.items[pyIndex(i, this.items.length, 'list assignment index out of range')] = value;
  }
  delItem(i: number): void {
    this.items.splice(pyIndex(i, this.items.length, 'list assignment index out of range'), 1);
  }
  insert(i: number, value: T): void {
    const n = this.items.length;
    const j = i < 0 ? Math.max(0, i + n) : Math.min(i, n);
    this.items.splice(j, 0, value);
  }
  append(value: T): void {
    this.items.push(value);
  }
  extend(values: Iterable<T>): void {
    this.items.push(...values);
  }
  pop(i = -1): T {
    if (this.items.length === 0) throw new IndexError('pop from empty list');
    const j = pyIndex(i, this.items.length, 'pop index out of range');
    return this.items.splice(j, 1)[0] as T;
  }
  remove(value: T): void {
    const j = this.items.findIndex((v) => pyEquals(v, value));
    if (j < 0) throw new ValueError('list.remove(x): x not in list');
    this.items.splice(j, 1);
  }
  index(value: T): number {
    const j = this.items.findIndex((v) => pyEquals(v, value));
    if (j < 0) throw new ValueError(`${pyRepr(value)} is not in list`);
    return j;
  }
  count(value: T): number {
    return this.items.filter((v) => pyEquals(v, value)).length;
  }
  reverse(): void {
    this.items.reverse();
  }
  contains(value: T): boolean {
    return this.items.some((v) => pyEquals(v, value));
  }
  iadd(values: Iterable<T>): this {
    this.extend(values);
    return this;
  }
  toArray(): T[] {
    return [...this.items];
  }
}

// ----------------------------------------------------------------- mappings

/** The dict protocol every extra_properties wrapper offers. */
export interface PyMappingLike<V> extends Iterable<string> {
  len(): number;
  getItem(key: string): V;
  setItem(key: string, value: V): void;
  delItem(key: string): void;
  contains(key: string): boolean;
  get(key: string, fallback?: V | null): V | null;
  keys(): string[];
  values(): V[];
  items(): Array<[string, V]>;
  pop(key: string, ...fallback: [V?]): V;
  popitem(): [string, V];
  setdefault(key: string, value: V): V;
  update(other: Iterable<[string, V]> | Map<string, V> | Record<string, V>): void;
  clear(): void;
  /** `dict(x)`: a plain ordered copy. */
  toMap(): Map<string, V>;
}

function entriesOf<V>(other: Iterable<[string, V]> | Map<string, V> | Record<string, V> | PyMappingLike<V>): Array<[string, V]> {
  if (other instanceof Map) return [...other.entries()];
  if (other instanceof MutableMapping || other instanceof PyDict) return (other as PyMappingLike<V>).items();
  if (Symbol.iterator in Object(other)) return [...(other as Iterable<[string, V]>)];
  return Object.entries(other as Record<string, V>);
}

/** collections.abc.MutableMapping: derived methods call the primitives. */
export abstract class MutableMapping<V> implements PyMappingLike<V> {
  abstract getItem(key: string): V;
  abstract setItem(key: string, value: V): void;
  abstract delItem(key: string): void;
  abstract keys(): string[];
  abstract len(): number;

  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
  contains(key: string): boolean {
    try {
      this.getItem(key);
      return true;
    } catch (e) {
      if (e instanceof KeyError) return false;
      throw e;
    }
  }
  get(key: string, fallback: V | null = null): V | null {
    try {
      return this.getItem(key);
    } catch (e) {
      if (e instanceof KeyError) return fallback;
      throw e;
    }
  }
  values(): V[] {
    return this.keys().map((k) => this.getItem(k));
  }
  items(): Array<[string, V]> {
    return this.keys().map((k) => [k, this.getItem(k)]);
  }
  pop(key: string, ...fallback: [V?]): V {
    let value: V;
    try {
      value = this.getItem(key);
    } catch (e) {
      if (e instanceof KeyError && fallback.length > 0) return fallback[0] as V;
      throw e;
    }
    this.delItem(key);
    return value;
  }
  popitem(): [string, V] {
    const key = this.keys()[0];
    if (key === undefined) throw new KeyError(null);
    const value = this.getItem(key);
    this.delItem(key);
    return [key, value];
  }
  setdefault(key: string, value: V): V {
    try {
      return this.getItem(key);
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
      this.setItem(key, value);
      return value;
    }
  }
  update(other: Iterable<[string, V]> | Map<string, V> | Record<string, V>): void {
    for (const [k, v] of entriesOf(other)) this.setItem(k, v);
  }
  clear(): void {
    for (;;) {
      try {
        this.popitem();
      } catch (e) {
        if (e instanceof KeyError) return;
        throw e;
      }
    }
  }
  toMap(): Map<string, V> {
    return new Map(this.items());
  }
}

/** Python's builtin dict over an insertion-ordered Map. */
export class PyDict<V> implements PyMappingLike<V> {
  protected readonly data: Map<string, V>;
  constructor(init: Iterable<[string, V]> | Map<string, V> | Record<string, V> = []) {
    this.data = new Map(entriesOf(init));
  }
  [Symbol.iterator](): Iterator<string> {
    return this.data.keys();
  }
  len(): number {
    return this.data.size;
  }
  getItem(key: string): V {
    if (!this.data.has(key)) throw new KeyError(key);
    return this.data.get(key) as V;
  }
  setItem(key: string, value: V): void {
    this.data.set(key, value);
  }
  delItem(key: string): void {
    if (!this.data.has(key)) throw new KeyError(key);
    this.data.delete(key);
  }
  contains(key: string): boolean {
    return this.data.has(key);
  }
  get(key: string, fallback: V | null = null): V | null {
    return this.data.has(key) ? (this.data.get(key) as V) : fallback;
  }
  keys(): string[] {
    return [...this.data.keys()];
  }
  values(): V[] {
    return [...this.data.values()];
  }
  items(): Array<[string, V]> {
    return [...this.data.entries()];
  }
  pop(key: string, ...fallback: [V?]): V {
    if (!this.data.has(key)) {
      if (fallback.length > 0) return fallback[0] as V;
      throw new KeyError(key);
    }
    const v = this.data.get(key) as V;
    this.data.delete(key);
    return v;
  }
  popitem(): [string, V] {
    // CPython 3.7+: LIFO.
    const last = [...this.data.entries()].pop();
    if (last === undefined) throw new KeyError('popitem(): dictionary is empty');
    this.data.delete(last[0]);
    return last;
  }
  setdefault(key: string, value: V): V {
    if (!this.data.has(key)) this.data.set(key, value);
    return this.data.get(key) as V;
  }
  update(other: Iterable<[string, V]> | Map<string, V> | Record<string, V>): void {
    for (const [k, v] of entriesOf(other)) this.data.set(k, v);
  }
  clear(): void {
    this.data.clear();
  }
  toMap(): Map<string, V> {
    return new Map(this.data);
  }
}

// --------------------------------------------------------------------- sets

/** Python's builtin set of strings (tags). Iteration is insertion order. */
export class PySet implements Iterable<string> {
  protected readonly data: Set<string>;
  constructor(init: Iterable<string> = []) {
    this.data = new Set(init);
  }
  [Symbol.iterator](): Iterator<string> {
    return this.data.values();
  }
  len(): number {
    return this.data.size;
  }
  contains(v: string): boolean {
    return this.data.has(v);
  }
  add(v: string): void {
    this.data.add(v);
  }
  remove(v: string): void {
    if (!this.data.has(v)) throw new KeyError(v);
    this.data.delete(v);
  }
  discard(v: string): void {
    this.data.delete(v);
  }
  pop(): string {
    const first = this.data.values().next();
    if (first.done) throw new KeyError('pop from an empty set');
    this.data.delete(first.value);
    return first.value;
  }
  update(values: Iterable<string>): void {
    for (const v of values) this.data.add(v);
  }
  clear(): void {
    this.data.clear();
  }
  toSet(): Set<string> {
    return new Set(this.data);
  }
}

/** The set protocol every tags wrapper offers. */
export interface PySetLike extends Iterable<string> {
  len(): number;
  contains(v: string): boolean;
  add(v: string): void;
  remove(v: string): void;
  discard(v: string): void;
  pop(): string;
  update(values: Iterable<string>): void;
  clear(): void;
  toSet(): Set<string>;
}
