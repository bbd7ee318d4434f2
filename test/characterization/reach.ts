/**
 * Counting what generated scenarios reach: every op, every status, and
 * every method of every class in the legacy layers. Methods are counted by
 * wrapping the classes' prototypes once per process, so the counts cover
 * the legacy model as the equivalence suite drives it.
 */
import { LAYERS, type LayerName } from '../../src/legacy/layers.js';

export class ReachCounter {
  readonly ops = new Map<string, number>();
  readonly statuses = new Map<string, number>();
  readonly methods = new Map<string, number>();
  /** Every method that could be reached, per layer (filled by instrument()). */
  readonly known = new Map<LayerName, Set<string>>();

  bump(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  reachedIn(layer: LayerName): number {
    return [...(this.known.get(layer) ?? [])].filter((m) => (this.methods.get(m) ?? 0) > 0).length;
  }
}

const INSTRUMENTED = Symbol.for('glance-peel.reach');

function wrapFunction(fn: (...args: unknown[]) => unknown, count: () => void): (...args: unknown[]) => unknown {
  return function (this: unknown, ...args: unknown[]) {
    count();
    return fn.apply(this, args);
  };
}

/** Wraps every prototype method and accessor of every class a legacy layer exports. */
export async function instrument(counter: ReachCounter): Promise<void> {
  const root = new URL('../../', import.meta.url);
  for (const layer of LAYERS) {
    const names = new Set<string>();
    counter.known.set(layer.name, names);
    for (const file of layer.files) {
      const module = (await import(new URL(file.replace(/\.ts$/, '.js'), root).href)) as Record<string, unknown>;
      for (const [exportName, value] of Object.entries(module)) {
        if (typeof value !== 'function' || !value.prototype || value.prototype.constructor !== value) continue;
        const proto = value.prototype as Record<string | symbol, unknown>;
        if (Object.prototype.hasOwnProperty.call(proto, INSTRUMENTED)) continue;
        Object.defineProperty(proto, INSTRUMENTED, { value: true });
        for (const prop of Object.getOwnPropertyNames(proto)) {
          if (prop === 'constructor') continue;
          const key = `${layer.name}:${exportName}.${prop}`;
          const descriptor = Object.getOwnPropertyDescriptor(proto, prop);
          if (!descriptor) continue;
          const count = () => counter.bump(counter.methods, key);
          if (typeof descriptor.value === 'function') {
            names.add(key);
            Object.defineProperty(proto, prop, { ...descriptor, value: wrapFunction(descriptor.value as (...args: unknown[]) => unknown, count) });
          } else if (descriptor.get || descriptor.set) {
            names.add(key);
            Object.defineProperty(proto, prop, {
              ...descriptor,
              ...(descriptor.get ? { get: wrapFunction(descriptor.get, count) } : {}),
              ...(descriptor.set ? { set: wrapFunction(descriptor.set as (...args: unknown[]) => unknown, count) } : {}),
            });
          }
        }
      }
    }
  }
}

export function reachReport(counter: ReachCounter): string {
  const lines: string[] = [];
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  lines.push('ops reached: ' + sorted(counter.ops).map(([k, v]) => `${k} ${v}`).join(', '));
  lines.push('statuses: ' + sorted(counter.statuses).map(([k, v]) => `${k} ${v}`).join(', '));
  for (const [layer, names] of counter.known) {
    lines.push(`legacy ${layer}: ${counter.reachedIn(layer)} of ${names.size} methods reached`);
  }
  return lines.join('\n');
}
