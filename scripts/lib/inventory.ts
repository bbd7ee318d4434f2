/**
 * The classes and methods of each legacy layer, as ts-morph finds them:
 * every method, accessor and constructor of every class, and every
 * top-level function, with the line V8 coverage will report it on.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Project, type ClassDeclaration, type SourceFile } from 'ts-morph';
import { HTTP_PLUMBING, LAYERS, type LayerName } from '../../src/legacy/layers.js';

/** A legacy layer, or the HTTP plumbing in front of the onion. */
export type InventoryLayer = LayerName | typeof HTTP_PLUMBING.name;

export interface Callable {
  readonly layer: InventoryLayer;
  readonly file: string;
  /** The class, or null for a top-level function. */
  readonly className: string | null;
  readonly name: string;
  readonly kind: 'method' | 'getter' | 'setter' | 'constructor' | 'function';
  readonly line: number;
  /** The last line of its body (older inventories and fixtures have none). */
  readonly endLine?: number;
}

export interface LayerInventory {
  readonly layer: InventoryLayer;
  readonly files: readonly string[];
  readonly classes: readonly string[];
  readonly callables: readonly Callable[];
}

function classCallables(layer: InventoryLayer, file: string, cls: ClassDeclaration): Callable[] {
  const className = cls.getName() ?? '(anonymous class)';
  const at = (name: string, kind: Callable['kind'], node: { getStartLineNumber(): number; getEndLineNumber(): number }): Callable =>
    ({ layer, file, className, name, kind, line: node.getStartLineNumber(), endLine: node.getEndLineNumber() });
  return [
    ...cls.getConstructors().filter((c) => c.hasBody()).map((c) => at('constructor', 'constructor', c)),
    ...cls.getMethods().filter((m) => m.hasBody()).map((m) => at(m.getName(), 'method', m)),
    ...cls.getGetAccessors().map((g) => at(g.getName(), 'getter', g)),
    ...cls.getSetAccessors().map((s) => at(s.getName(), 'setter', s)),
  ];
}

function fileCallables(layer: InventoryLayer, file: string, source: SourceFile): { classes: string[]; callables: Callable[] } {
  const classes = source.getClasses();
  const functions = source.getFunctions().filter((f) => f.hasBody());
  return {
    classes: classes.map((c) => c.getName() ?? '(anonymous class)'),
    callables: [
      ...classes.flatMap((c) => classCallables(layer, file, c)),
      ...functions.map((f): Callable => ({
        layer, file, className: null, name: f.getName() ?? '(anonymous)', kind: 'function', line: f.getStartLineNumber(), endLine: f.getEndLineNumber(),
      })),
    ].sort((a, b) => a.line - b.line),
  };
}

/** Each layer of LAYERS, outermost first, then the HTTP plumbing. */
export function layerInventories(root: string): LayerInventory[] {
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  return [...LAYERS, HTTP_PLUMBING].map((layer) => {
    const classes: string[] = [];
    const callables: Callable[] = [];
    // An older checkout (the review's base) may lack a file of today's table.
    for (const file of layer.files.filter((f) => existsSync(join(root, f)))) {
      const found = fileCallables(layer.name, file, project.addSourceFileAtPath(join(root, file)));
      classes.push(...found.classes);
      callables.push(...found.callables);
    }
    return { layer: layer.name, files: layer.files, classes, callables };
  });
}

export const callableLabel = (c: Callable): string =>
  `${c.className ? c.className + '.' : ''}${c.kind === 'getter' ? 'get ' : c.kind === 'setter' ? 'set ' : ''}${c.name}`;
