/**
 * Lines of code of a source tree: lines of .ts files that hold at least one
 * character outside a comment and whitespace. TypeScript's own parser
 * decides what a comment is, so '//' inside a string or a regex is not one.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
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

// ------------------------------------------------------------------ at a git revision

/** The .ts files of a tree as they were at a git revision (or in the work tree: rev null). */
function filesAt(root: string, dir: string, rev: string | null): Map<string, string> {
  const texts = new Map<string, string>();
  if (rev === null) {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) {
        const path = join(entry.parentPath, entry.name);
        texts.set(relative(root, path), readFileSync(path, 'utf8'));
      }
    }
    return texts;
  }
  const git = (...args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  for (const path of git('ls-tree', '-r', '--name-only', rev, '--', dir).split('\n')) {
    if (path.endsWith('.ts')) texts.set(path, git('show', `${rev}:${path}`));
  }
  return texts;
}

/**
 * Where the flat model keeps a Glance (or CPython) accident: each
 * `NOTE(quirk)` marker, and each exported function or constant of
 * `compat/` (one per ledger row it cites).
 */
export interface QuirkSites {
  readonly markers: number;
  /** Files holding a marker outside compat/. */
  readonly markedFiles: number;
  readonly compatFunctions: number;
}

function exportedDeclarations(text: string): number {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  let count = 0;
  for (const statement of file.statements) {
    const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement)) count++;
    else if (ts.isVariableStatement(statement)) count += statement.declarationList.declarations.length;
  }
  return count;
}

export interface TreeReport extends LineCount {
  readonly quirks: QuirkSites;
}

/** Lines, files and quirk sites of `dir` (e.g. 'src/domain') at `rev` (null: the work tree). */
export function treeReport(root: string, dir: string, rev: string | null): TreeReport {
  let lines = 0;
  let markers = 0;
  let markedFiles = 0;
  let compatFunctions = 0;
  const texts = filesAt(root, dir, rev);
  for (const [path, text] of texts) {
    lines += codeLines(text);
    const inCompat = path.startsWith(`${dir}/compat/`);
    const marks = text.split('NOTE(quirk)').length - 1;
    markers += marks;
    if (marks > 0 && !inCompat) markedFiles++;
    if (inCompat) compatFunctions += exportedDeclarations(text);
  }
  return { files: texts.size, lines, quirks: { markers, markedFiles, compatFunctions } };
}

/**
 * The lines table of BENCHMARKS.md for src/domain: before the failure set
 * and compat module (7877821^), before and after dropping format 1 from the
 * flat model (ceb9ff0^, ceb9ff0), and now.
 */
export function linesTable(root: string): string {
  const rows: Array<[string, string | null]> = [
    ['before issue 12 (7877821^)', '7877821^'],
    ['before dropping format 1 (ceb9ff0^)', 'ceb9ff0^'],
    ['after dropping format 1 (ceb9ff0)', 'ceb9ff0'],
    ['now (work tree)', null],
  ];
  const out = [
    '| src/domain at | files | lines | NOTE(quirk) markers | files with markers outside compat/ | compat functions |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [label, rev] of rows) {
    const r = treeReport(root, 'src/domain', rev);
    out.push(`| ${label} | ${r.files} | ${r.lines} | ${r.quirks.markers} | ${r.quirks.markedFiles} | ${r.quirks.compatFunctions} |`);
  }
  return out.join('\n');
}
