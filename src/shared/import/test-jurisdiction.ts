import type { AdminArea } from '../protocol/index.ts';
import type { ImportTarget } from './read-register.ts';

/** A made-up jurisdiction: one township split into a west and an east village. */
export function area(
  code: string,
  name: string,
  [w, s, e, n]: [number, number, number, number],
): AdminArea {
  const level = code.length === 9 ? 'township' : 'village';
  return {
    code,
    level,
    name,
    parentCode: code.length === 9 ? code.slice(0, 6) : code.slice(0, 9),
    population: 1000,
    households: 400,
    vulnerable: { elderlyAlone: 0, disabled: 0, bedridden: 0, pregnant: 0, childrenLeftBehind: 0 },
    seat: [(w + e) / 2, (s + n) / 2],
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
  } as AdminArea;
}
export const TARGET: ImportTarget = {
  bbox: [113.5, 34.6, 113.7, 34.8],
  townships: [area('410103001', '示例街道', [113.5, 34.6, 113.7, 34.8])],
  villages: [
    area('410103001001', '西村', [113.5, 34.6, 113.6, 34.8]),
    area('410103001002', '东村', [113.6, 34.6, 113.7, 34.8]),
  ],
};
