import {
  area,
  bbox,
  booleanPointInPolygon,
  booleanValid,
  intersect,
  featureCollection,
} from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { AdminArea, type AdminLevel, type LonLat } from '../protocol/index.ts';
import { text, type Cell } from './cells.ts';
import { words, type Problem, type Words } from './problems.ts';

const CODE_FIELDS = [
  'code',
  'CODE',
  'adcode',
  '行政区划代码',
  '统计用区划代码',
  '区划代码',
  'XZQDM',
  'xzqdm',
  'QHDM',
  'qhdm',
];
// Shapefile field names are at most 10 bytes (5 Chinese characters in GBK): the short forms.
const NAME_FIELDS = ['name', 'NAME', '名称', 'XZQMC', 'xzqmc', 'QHMC', 'qhmc'];
const POPULATION_FIELDS = ['population', '常住人口数量', '常住人口', '户籍人口', '人口'];
const HOUSEHOLD_FIELDS = ['households', '户数', '常住户数'];

/** Siblings may overlap this share of the smaller one (digitising slivers), not more. */
const OVERLAP_TOLERANCE = 0.02;

/**
 * A code as the levels use it: the statistical 12-digit code with its trailing zeros dropped to
 * the level's length (410122100000 is the township 410122100), and the level it names.
 */
export function levelOf(raw: string): { code: string; level: AdminLevel } | null {
  const digits = raw.replace(/\s/g, '');
  if (/^\d{12}$/.test(digits)) {
    if (digits.endsWith('000000')) return levelOf(digits.slice(0, 6));
    if (digits.endsWith('000')) return { code: digits.slice(0, 9), level: 'township' };
    return { code: digits, level: 'village' };
  }
  if (/^\d{9}$/.test(digits)) return { code: digits, level: 'township' };
  if (/^\d{6}$/.test(digits))
    return { code: digits, level: digits.endsWith('00') ? 'city' : 'county' };
  return null;
}

const parentOf = (code: string, level: AdminLevel): string | null =>
  level === 'village'
    ? code.slice(0, 9)
    : level === 'township'
      ? code.slice(0, 6)
      : level === 'county'
        ? `${code.slice(0, 4)}00`
        : null;

const field = (props: Record<string, unknown>, names: readonly string[]): Cell => {
  for (const n of names) if (props[n] !== undefined && props[n] !== null) return props[n] as Cell;
  return undefined;
};

/**
 * A jurisdiction's areas from boundary features (GeoJSON, or a Shapefile read to GeoJSON): each
 * feature's code (6, 9 or 12 digits, the statistical code's trailing zeros dropped) gives its
 * level and parent. Checked: a code and a name, polygons that are closed and valid, every code
 * once, every parent in the file (or the jurisdiction's top), each area inside its parent, and
 * siblings that do not overlap beyond slivers. Every problem names the feature and why.
 */
export function readBoundaries(
  file: string,
  features: readonly unknown[],
): { areas: AdminArea[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const note = (row: number | null, column: string | null, value: string, reason: Words) =>
    problems.push({ level: 'error', file, sheet: null, row, column, value, reason });
  const read: { row: number; area: AdminArea }[] = [];
  const seen = new Map<string, number>();

  features.forEach((raw, i) => {
    const row = i + 1;
    const f = raw as Partial<Feature> | null;
    const props = (f?.properties ?? {}) as Record<string, unknown>;
    const rawCode = text(field(props, CODE_FIELDS));
    const name = text(field(props, NAME_FIELDS));
    const coded = levelOf(rawCode);
    if (!coded) {
      note(
        row,
        'code',
        rawCode,
        words('区划代码应为 6、9 或 12 位数字', 'the admin code must be 6, 9 or 12 digits'),
      );
      return;
    }
    if (!name) note(row, 'name', '', words('缺少名称', 'no name'));
    const g = f?.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      note(
        row,
        null,
        coded.code,
        words(
          '几何应为面（Polygon 或 MultiPolygon）',
          'the geometry must be a Polygon or MultiPolygon',
        ),
      );
      return;
    }
    const rings: Position[][] = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
    if (rings.some((r) => r.length < 4 || !samePoint(r[0], r[r.length - 1]))) {
      note(row, null, coded.code, words('多边形的环未闭合', 'a ring of the polygon is not closed'));
      return;
    }
    if (!booleanValid(g)) {
      note(
        row,
        null,
        coded.code,
        words(
          '多边形无效（自相交或环嵌套错误）',
          'the polygon is not valid (self-intersecting or badly nested rings)',
        ),
      );
      return;
    }
    const twice = seen.get(coded.code);
    if (twice !== undefined) {
      note(
        row,
        'code',
        coded.code,
        words(`代码与第 ${twice} 个要素重复`, `the same code as feature ${twice}`),
      );
      return;
    }
    seen.set(coded.code, row);
    const population = Number(field(props, POPULATION_FIELDS) ?? 0);
    const households = Number(field(props, HOUSEHOLD_FIELDS) ?? 0);
    const candidate = {
      code: coded.code,
      level: coded.level,
      name,
      parentCode: parentOf(coded.code, coded.level),
      population: Number.isFinite(population) ? Math.max(0, Math.round(population)) : 0,
      households: Number.isFinite(households) ? Math.max(0, Math.round(households)) : 0,
      vulnerable: {
        elderlyAlone: 0,
        disabled: 0,
        bedridden: 0,
        pregnant: 0,
        childrenLeftBehind: 0,
      },
      seat: seatOf(g),
      geometry: g,
      synthetic: false,
    };
    const parsed = AdminArea.safeParse(candidate);
    if (parsed.success) read.push({ row, area: parsed.data });
    else
      note(
        row,
        null,
        coded.code,
        words(
          parsed.error.issues[0]?.message ?? '不符合约定',
          parsed.error.issues[0]?.message ?? 'invalid',
        ),
      );
  });

  // Parents in the file, each area inside its parent, siblings apart.
  const byCode = new Map(read.map((r) => [r.area.code, r]));
  const top = Math.min(...read.map((r) => r.area.code.length));
  for (const { row, area: a } of read) {
    if (!a.parentCode || a.code.length === top) continue;
    const parent = byCode.get(a.parentCode);
    if (!parent) {
      note(
        row,
        'code',
        a.code,
        words(
          `上级区划 ${a.parentCode} 不在文件中`,
          `its parent ${a.parentCode} is not in the file`,
        ),
      );
      continue;
    }
    if (!booleanPointInPolygon(a.seat, parent.area.geometry))
      note(
        row,
        null,
        a.code,
        words(`不在上级“${parent.area.name}”范围内`, `not inside its parent ${parent.area.name}`),
      );
  }
  const siblings = new Map<string, { row: number; area: AdminArea }[]>();
  for (const r of read) {
    const key = `${r.area.level}:${r.area.parentCode ?? ''}`;
    siblings.set(key, [...(siblings.get(key) ?? []), r]);
  }
  const boxes = new Map(read.map((r) => [r.area.code, bbox(r.area.geometry)]));
  const boxesMeet = (a: AdminArea, b: AdminArea) => {
    const [aw = 0, as = 0, ae = 0, an = 0] = boxes.get(a.code) ?? [];
    const [bw = 0, bs = 0, be = 0, bn = 0] = boxes.get(b.code) ?? [];
    return aw < be && bw < ae && as < bn && bs < an;
  };
  for (const group of siblings.values())
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i];
        const b = group[j];
        if (!a || !b || !boxesMeet(a.area, b.area)) continue;
        const shared = intersect(featureCollection([feature(a.area), feature(b.area)]));
        if (!shared) continue;
        const share = area(shared) / Math.min(area(feature(a.area)), area(feature(b.area)));
        if (share > OVERLAP_TOLERANCE)
          note(
            b.row,
            null,
            b.area.code,
            words(
              `与第 ${a.row} 个要素“${a.area.name}”重叠 ${Math.round(share * 100)}%`,
              `overlaps feature ${a.row} (${a.area.name}) by ${Math.round(share * 100)}%`,
            ),
          );
      }
  return { areas: read.map((r) => r.area), problems };
}

const samePoint = (p: Position | undefined, q: Position | undefined) =>
  !!p && !!q && p[0] === q[0] && p[1] === q[1];

const feature = (a: AdminArea): Feature<Polygon | MultiPolygon> => ({
  type: 'Feature',
  properties: {},
  geometry: a.geometry,
});

/** Where the area's label and seat go: the pole of inaccessibility of its largest part. */
function seatOf(g: Polygon | MultiPolygon): LonLat {
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const largest = parts.reduce((best, p) =>
    area({ type: 'Polygon', coordinates: p }) > area({ type: 'Polygon', coordinates: best })
      ? p
      : best,
  );
  const [x, y] = polylabel(largest as [number, number][][], 1e-6);
  return [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6];
}
