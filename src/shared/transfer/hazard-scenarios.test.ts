import { area, destination } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { AdminArea, River, RiskPoint, Warning } from '../protocol/index.ts';
import { affectedBy, HazardIndex } from './hazard-area.ts';
import {
  breachScenarios,
  RAINFALL_LEVELS,
  waterloggingScenarios,
  warningHazard,
} from './hazard-scenarios.ts';

// A river running west → east along 34.70° N.
const river: River = {
  id: 'r',
  name: '测试河',
  approximate: true,
  geometry: {
    type: 'LineString',
    coordinates: [
      [113.5, 34.7],
      [113.8, 34.7],
    ],
  },
};
const point = (id: string, type: RiskPoint['type'], position: [number, number]) =>
  ({ id, name: `${id}险工险段`, type, position }) as RiskPoint;
const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ] as [number, number][],
  ],
});
const north = (km: number): [number, number] =>
  destination([113.65, 34.7], km, 0, { units: 'kilometers' }).geometry.coordinates as [
    number,
    number,
  ];
const south = (km: number): [number, number] =>
  destination([113.65, 34.7], km, 180, { units: 'kilometers' }).geometry.coordinates as [
    number,
    number,
  ];

describe('flood scenarios', () => {
  it('breaches the dike on the side the watched section stands on, deep near it and shallow beyond', () => {
    const [onNorthBank] = breachScenarios(
      [river],
      [point('D1', 'river_dike_section', north(0.3)), point('D2', 'river_dike_section', north(9))],
    );
    // The section 9 km off the river is nobody's dike.
    expect(breachScenarios([river], [point('D2', 'river_dike_section', north(9))])).toEqual([]);
    if (!onNorthBank) throw new Error('no breach');
    expect(onNorthBank.scenario).toEqual({ kind: 'breach', river: '测试河', place: 'D1' });
    const water = new HazardIndex(onNorthBank);
    expect(water.at(north(3))).toBe('deep');
    expect(water.at(north(14))).toBe('shallow');
    expect(water.at(north(25))).toBeNull();
    // Nothing crosses to the other bank beyond the breach's own footprint.
    expect(water.at(south(3))).toBeNull();
  });

  it('grows waterlogging with the rain and sends one resident in five from under it', () => {
    const spots = [
      point('W1', 'waterlogging_spot', north(5)),
      point('H', 'hazchem_site', north(10)),
    ];
    const levels = waterloggingScenarios(spots);
    expect(levels.map((h) => h.scenario)).toEqual(
      RAINFALL_LEVELS.map((l) => ({ kind: 'waterlogging', rainMm: l.rainMm })),
    );
    const [light, , heavy] = levels;
    if (!light || !heavy) throw new Error('levels missing');
    // Only the waterlogging spot gathers water, not the chemical site.
    expect(new HazardIndex(heavy).at(north(10))).toBeNull();
    expect(new HazardIndex(light).at(north(5))).toBe('shallow');
    expect(new HazardIndex(heavy).at(north(5))).toBe('deep');
    const shallowArea = (h: typeof light) =>
      h.zones
        .filter((z) => z.depth === 'shallow')
        .reduce((s, z) => s + area({ type: 'Feature', properties: {}, geometry: z.geometry }), 0);
    expect(shallowArea(heavy)).toBeGreaterThan(shallowArea(light) * 5);

    // A village wholly under the heavy level's water: a fifth of its people leave.
    const c = north(5);
    const village = {
      code: '410102001001',
      name: '测试村',
      population: 1000,
      vulnerable: {
        elderlyAlone: 50,
        disabled: 0,
        bedridden: 0,
        pregnant: 0,
        childrenLeftBehind: 0,
      },
      seat: c,
      geometry: square(c[0] - 0.001, c[1] - 0.001, c[0] + 0.001, c[1] + 0.001),
    } as unknown as AdminArea;
    const hit = affectedBy(heavy, [village], [], []);
    expect(hit.villages.map((v) => [v.people, v.vulnerable])).toEqual([[200, 10]]);
  });

  it('takes a warned area as shallow water, with deep strips along its rivers under orange and red', () => {
    const w = (level: Warning['level']) =>
      ({
        identifier: `W-${level}`,
        headline: '暴雨预警',
        level,
        areas: [{ polygons: [square(113.6, 34.6, 113.7, 34.8)], circles: [], geocodes: [] }],
      }) as unknown as Warning;
    const yellow = new HazardIndex(warningHazard(w('yellow'), [river]));
    expect(yellow.at([113.65, 34.7])).toBe('shallow');
    const orange = new HazardIndex(warningHazard(w('orange'), [river]));
    expect(orange.at([113.65, 34.7])).toBe('deep');
    expect(orange.at(north(0.8))).toBe('shallow');
    const red = new HazardIndex(warningHazard(w('red'), [river]));
    expect(red.at(north(0.8))).toBe('deep');
    expect(red.at(north(5))).toBe('shallow');
    // Outside the warned area, the river is dry land as far as the warning goes.
    expect(red.at([113.55, 34.7])).toBeNull();
  });
});
