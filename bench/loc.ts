/**
 * Lines of code of a source tree: lines of .ts files that hold at least one
 * character outside a comment and whitespace. TypeScript's own parser
 * decides what a comment is, so '//' inside a string or a regex is not one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface LineCount {
  readonly files: number;
  readonly lines: number;
}

/** Code lines of one source text. */
export function codeLines(text: string): number {
  const inComment = commentMask(text);
  const lines = new Set<number>();
  let line = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (!inComment[i] && !/\s/.test(text[i] as string)) lines.add(line);
  }
  return lines.size;
}

/**
 * Marks every character that belongs to a comment. The parser walks down
 * to each token; a token's leading trivia holds the comments before it.
 */
function commentMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const markFrom = (pos: number): void => {
    for (const r of ts.getLeadingCommentRanges(text, pos) ?? []) mask.fill(1, r.pos, r.end);
  };
  const visit = (node: ts.Node): void => {
    markFrom(node.pos);
    for (const child of node.getChildren(file)) visit(child);
  };
  visit(file);
  markFrom(file.endOfFileToken.pos);
  return mask;
}

/** Every .ts file under `dir` (recursively), counted. */
export function countTree(dir: string): LineCount {
  let files = 0;
  let lines = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    files++;
    lines += codeLines(readFileSync(join(entry.parentPath, entry.name), 'utf8'));
  }
  return { files, lines };
}
