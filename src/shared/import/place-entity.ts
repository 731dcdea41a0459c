import type { AreaLocator } from '../analysis/locate.ts';
import type { CollectionId, LonLat } from '../protocol/index.ts';
import { words, type Words } from './problems.ts';

/**
 * Puts an entity in the county, township and village around its position (the codes the read
 * API filters on and the summaries count by). A township code set to null stays null (a city or
 * county depot belongs to no township). Returns why it cannot be placed, or null.
 */
export function placeEntity(
  collection: CollectionId,
  entity: Record<string, unknown>,
  position: LonLat,
  townships: AreaLocator,
  villages: AreaLocator,
): Words | null {
  const township = townships.at(position);
  if (!township)
    return words('位置不在辖区任何乡镇（街道）内', 'not inside any township of the jurisdiction');
  const village = villages.at(position);
  entity.countyCode = township.code.slice(0, 6);
  if (entity.townshipCode !== null) entity.townshipCode = township.code;
  if (village?.code.startsWith(township.code)) entity.villageCode = village.code;
  else {
    delete entity.villageCode;
    // A shelter is where a village's people go: it must stand in one.
    if (collection === 'shelters')
      return words('位置不在任何村（社区）内', 'not inside any village');
  }
  return null;
}

/**
 * Every entity of a collection placed again in new boundaries (a boundaries import): the codes
 * follow the areas their positions now fall in. One that falls in none is refused by name, so
 * new boundaries never leave a shelter or a team outside the jurisdiction unsaid.
 */
export function placeAgain(
  collection: CollectionId,
  entities: readonly Record<string, unknown>[],
  townships: AreaLocator,
  villages: AreaLocator,
): { entities: Record<string, unknown>[]; refused: { id: string; name: string; reason: Words }[] } {
  const refused: { id: string; name: string; reason: Words }[] = [];
  const out = entities.map((e) => {
    const next = { ...e };
    const position = e.position as LonLat | undefined;
    const reason = position
      ? placeEntity(collection, next, position, townships, villages)
      : words('没有位置', 'no position');
    if (reason) refused.push({ id: String(e.id), name: String(e.name ?? e.id), reason });
    return next;
  });
  return { entities: out, refused };
}
