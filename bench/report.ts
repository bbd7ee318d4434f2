/** Markdown tables and number formats for the bench report. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: readonly ('l' | 'r')[]): string {
  const sep = headers.map((_, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'r' ? '---:' : '---'));
  return [headers, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export function num(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return String(x);
  return x >= 100 ? x.toFixed(0) : x.toFixed(digits);
}

export function ratio(x: number, y: number): string {
  return y > 0 && Number.isFinite(x / y) ? `${(x / y).toFixed(2)}x` : 'n/a';
}

export function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function met(ok: boolean): string {
  return ok ? 'met' : 'NOT met';
}
