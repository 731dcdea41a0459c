/** One entity per line: stable, diffable and still plain JSON (how collection files are written). */
export function jsonLines(items: readonly unknown[]): string {
  return items.length === 0 ? '[]\n' : `[\n${items.map((x) => JSON.stringify(x)).join(',\n')}\n]\n`;
}
