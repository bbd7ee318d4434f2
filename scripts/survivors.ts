/**
 * The surviving mutants nobody has explained yet, as the last
 * `npm run mutation` recorded them (reports-summary/mutation.json), less
 * those reports-summary/mutants-explained.json and
 * reports-summary/mutants-explained/*.json explain: the work list of whoever
 * improves the generators or triages survivors.
 *
 *   npm run -s survivors -- --target "layer:policy"
 *   npm run -s survivors -- --target domain --file src/domain/actor.ts
 *   npm run -s survivors -- --target domain --json
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSummary, type Survivor } from './lib/mutation-summary.js';
import { loadExplanations, matchExplained } from './lib/roadmap-explained.js';

const ROOT = join(import.meta.dirname, '..');

export interface OpenSurvivor extends Survivor {
  readonly file: string;
}

/** Every unexplained survivor of a target, by file then position. */
export function openSurvivors(root: string, target: string, file?: string): OpenSurvivor[] {
  const summary = loadSummary(join(root, 'reports-summary/mutation.json'));
  const t = summary.targets[target];
  if (t === undefined) throw new Error(`no target "${target}" in reports-summary/mutation.json (known: ${Object.keys(summary.targets).join(', ')})`);
  const entries = loadExplanations(root).mutants;
  return Object.entries(t.files)
    .filter(([f]) => file === undefined || f === file)
    .flatMap(([f, score]) => {
      const all = score.survivors ?? [];
      const { explained } = matchExplained(f, all, entries);
      return all.filter((s) => !explained.includes(s)).map((s) => ({ file: f, ...s }));
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').slice(0, 120);

function main(): void {
  const { values } = parseArgs({ options: { target: { type: 'string' }, file: { type: 'string' }, json: { type: 'boolean' } } });
  if (values.target === undefined) throw new Error('--target is required, e.g. --target "layer:policy" or --target domain');
  const open = openSurvivors(ROOT, values.target, values.file);
  if (values.json) {
    process.stdout.write(JSON.stringify(open, null, 1) + '\n');
    return;
  }
  for (const s of open) process.stdout.write(`${s.file}:${s.line}:${s.column} ${s.status} ${s.mutator} \`${oneLine(s.original)}\` -> \`${oneLine(s.replacement)}\`\n`);
  process.stderr.write(`${open.length} unexplained survivors\n`);
}

if (process.argv[1] === import.meta.filename) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`survivors: ${(e as Error).message}\n`);
    process.exit(2);
  }
}
