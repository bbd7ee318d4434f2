/**
 * Survivors inside methods no request can reach: each becomes an entry of
 * reports-summary/mutants-explained.json whose reason is the method's
 * (reports-summary/unreachable-methods.json), so the mutation score and the
 * methods criterion leave out the same code for the same reason. Entries a
 * person wrote are kept; those made here are recognised by their reason's
 * prefix and rebuilt on every run, so an entry whose method became
 * reachable (or whose mutant is now killed) goes away with it.
 */
import { callableLabel, type Callable } from './inventory.js';
import type { ExplainedMutant, UnreachableMethod } from './roadmap-explained.js';
import type { Survivor } from './mutation-summary.js';

/** The reason of every entry this module writes starts so. */
export const UNREACHABLE_PREFIX = 'In a method no request reaches';

/** The unreachable callables, with the line span of their bodies and their reasons. */
export function unreachableSpans(callables: readonly Callable[], entries: readonly UnreachableMethod[]): Array<{ file: string; from: number; to: number; label: string; reason: string }> {
  return callables.flatMap((c) => {
    const entry = entries.find((e) => `src/legacy/${e.file}` === c.file && e.method === callableLabel(c));
    return entry && c.endLine !== undefined ? [{ file: c.file, from: c.line, to: c.endLine, label: callableLabel(c), reason: entry.reason }] : [];
  });
}

/** An entry for each survivor (or mutant without coverage) of `file` that lies inside an unreachable span. */
export function explainUnreachable(
  file: string, survivors: readonly Survivor[], spans: ReturnType<typeof unreachableSpans>,
): ExplainedMutant[] {
  return survivors.flatMap((s) => {
    const span = spans.find((x) => x.file === file && s.line >= x.from && s.line <= x.to);
    return span
      ? [{ file, line: s.line, mutator: s.mutator, original: s.original, replacement: s.replacement, reason: `${UNREACHABLE_PREFIX} (${span.label}): ${span.reason}` }]
      : [];
  });
}

/** The hand-written entries, then the rebuilt ones. */
export function mergeExplained(existing: readonly ExplainedMutant[], rebuilt: readonly ExplainedMutant[]): ExplainedMutant[] {
  return [...existing.filter((e) => !e.reason.startsWith(UNREACHABLE_PREFIX)), ...rebuilt];
}
