/**
 * The lines every equivalence failure ends with, in both formats: where the
 * shrunk scenario was saved, how to replay it on each model, how to rerun the
 * generated draw (empty when no seed is known), and the scenario itself.
 */
export function reproduceLines(savedAt: string, seed: number | undefined, path: string | undefined, scenarioText: string): string[] {
  return [
    `Shrunk scenario saved as ${savedAt} (commit it: the corpus is replayed on every run). Replay it on each model:`,
    `  npx tsx src/cli.ts replay --model legacy ${savedAt}`,
    `  npx tsx src/cli.ts replay --model flat ${savedAt}`,
    seed !== undefined ? `Reproduce the generated run: npm run equivalence -- --seed ${seed}${path ? ` --path ${path}` : ''}` : '',
    'Scenario:',
    scenarioText,
  ];
}
