/** What applying an import would do to one collection, matched by id. */
export interface CollectionDiff<E> {
  added: E[];
  changed: { before: E; after: E; fields: string[] }[];
  removed: E[];
  unchanged: number;
}

/**
 * The difference between what is there and what the register now says, field by field, matching
 * entities by `keyOf` (their id, or the code of an area).
 */
export function diffById<E extends object>(
  before: readonly E[],
  after: readonly E[],
  keyOf: (e: E) => string,
): CollectionDiff<E> {
  const old = new Map(before.map((e) => [keyOf(e), e]));
  const out: CollectionDiff<E> = { added: [], changed: [], removed: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const e of after) {
    const key = keyOf(e);
    seen.add(key);
    const was = old.get(key);
    if (!was) {
      out.added.push(e);
      continue;
    }
    const fields = changedFields(was, e);
    if (fields.length === 0) out.unchanged++;
    else out.changed.push({ before: was, after: e, fields });
  }
  for (const e of before) if (!seen.has(keyOf(e))) out.removed.push(e);
  return out;
}

function changedFields(a: object, b: object): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter(
    (k) =>
      JSON.stringify((a as Record<string, unknown>)[k]) !==
      JSON.stringify((b as Record<string, unknown>)[k]),
  );
}
