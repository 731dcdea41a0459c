import { readdirSync } from 'node:fs';

/**
 * Every layer of the console: one file per layer, named for its id (the registry's test holds
 * them to that), read here without loading the browser code into Node.
 */
export const ALL_LAYERS = readdirSync(
  new URL('../../src/client/features/layers/kinds', import.meta.url),
).map((f) => f.replace(/\.tsx?$/, ''));

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Scripts the page loads before anything else: the entry and its module preloads. */
export function initialScripts(indexHtml: string): string[] {
  const files = [...indexHtml.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
  return [...new Set(files)];
}

/** The p-th percentile (0–100), nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
