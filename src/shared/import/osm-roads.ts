import type { LonLat, RoadClass, RoadNode, RoadSegment } from '../protocol/index.ts';
import { metresBetween } from '../routing/road-graph.ts';
import { words, type Problem } from './problems.ts';

/** An OSM way as read from the file: its node references and tags. */
export interface OsmWay {
  id: number;
  refs: readonly number[];
  tags: Readonly<Record<string, string>>;
}

/** Drivable `highway` values: the console's class and the speed when `maxspeed` is absent. */
const DRIVABLE: Readonly<Record<string, { cls: RoadClass; kmh: number }>> = {
  motorway: { cls: 'highway', kmh: 100 },
  motorway_link: { cls: 'highway', kmh: 60 },
  trunk: { cls: 'highway', kmh: 80 },
  trunk_link: { cls: 'highway', kmh: 50 },
  primary: { cls: 'arterial', kmh: 60 },
  primary_link: { cls: 'arterial', kmh: 40 },
  secondary: { cls: 'arterial', kmh: 50 },
  secondary_link: { cls: 'arterial', kmh: 40 },
  tertiary: { cls: 'local', kmh: 40 },
  tertiary_link: { cls: 'local', kmh: 30 },
  unclassified: { cls: 'local', kmh: 30 },
  residential: { cls: 'local', kmh: 30 },
  living_street: { cls: 'access', kmh: 10 },
  service: { cls: 'access', kmh: 15 },
};

/** Whether a way is a road a vehicle may drive (emergency vehicles ignore `access=private`). */
export function isDrivable(tags: Readonly<Record<string, string>>): boolean {
  const kind = tags.highway;
  return (
    kind !== undefined &&
    kind in DRIVABLE &&
    tags.area !== 'yes' &&
    tags.access !== 'no' &&
    tags.motor_vehicle !== 'no'
  );
}

/** `maxspeed` in km/h: "60", "60 km/h", "40 mph"; null for what is not a number (e.g. "CN:urban"). */
export function parseMaxspeed(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph)?\s*$/i.exec(value);
  if (!m) return null;
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'mph' ? 1.609344 : 1);
  return n > 0 && n <= 200 ? n : null;
}

/** Which way a way may be driven: both, along its nodes, or against them (`oneway=-1`). */
export function onewayOf(tags: Readonly<Record<string, string>>): 'both' | 'forward' | 'backward' {
  const v = tags.oneway;
  if (v === '-1' || v === 'reverse') return 'backward';
  if (v === 'yes' || v === 'true' || v === '1') return 'forward';
  if (v === 'no' || v === 'false' || v === '0') return 'both';
  // Implied by the way's kind (OSM's defaults).
  if (tags.highway === 'motorway' || tags.junction === 'roundabout') return 'forward';
  return 'both';
}

export interface OsmRoads {
  nodes: RoadNode[];
  segments: RoadSegment[];
  problems: Problem[];
  /** Drivable ways read, and how many of them lie outside the clip. */
  ways: number;
  outside: number;
}

/**
 * The routing graph from OSM ways: drivable ways cut at every junction (a node two ways share,
 * or a way meets twice) into segments, each with its class, speed (`maxspeed` where it says a
 * number), one-way direction (drawn in the direction of travel) and bridge flag. Ways entirely
 * outside `clip` ([west, south, east, north]) are left out; a way missing some of its nodes (an
 * extract's edge) keeps the runs whose nodes are there.
 */
export function buildOsmRoads(
  file: string,
  ways: readonly OsmWay[],
  position: (id: number) => LonLat | undefined,
  clip: readonly [number, number, number, number],
): OsmRoads {
  const problems: Problem[] = [];
  const warn = (zh: string, en: string, value: string) =>
    problems.push({
      level: 'warning',
      file,
      sheet: null,
      row: null,
      column: null,
      value,
      reason: words(zh, en),
    });
  const inside = (p: LonLat) =>
    p[0] >= clip[0] && p[0] <= clip[2] && p[1] >= clip[1] && p[1] <= clip[3];
  const kept = ways.filter(
    (w) =>
      isDrivable(w.tags) &&
      w.refs.some((r) => {
        const p = position(r);
        return p !== undefined && inside(p);
      }),
  );
  const drivable = ways.filter((w) => isDrivable(w.tags)).length;
  // How many times each node is used: a node used twice is a junction.
  const uses = new Map<number, number>();
  for (const w of kept) for (const r of w.refs) uses.set(r, (uses.get(r) ?? 0) + 1);
  const nodes = new Map<number, RoadNode>();
  const nodeOf = (id: number, p: LonLat) => {
    let n = nodes.get(id);
    if (!n) nodes.set(id, (n = { id: `o${id}`, position: p }));
    return n;
  };
  const segments: RoadSegment[] = [];
  let missing = 0;
  const unreadable = new Set<string>();
  for (const w of kept) {
    const kind = DRIVABLE[w.tags.highway ?? ''] ?? { cls: 'local' as const, kmh: 30 };
    const maxspeed = parseMaxspeed(w.tags.maxspeed);
    if (w.tags.maxspeed !== undefined && maxspeed === null) unreadable.add(w.tags.maxspeed);
    const direction = onewayOf(w.tags);
    const name = w.tags.name ?? w.tags.ref ?? '';
    let run: { id: number; p: LonLat }[] = [];
    let part = 0;
    const flush = () => {
      const first = run[0];
      const last = run[run.length - 1];
      if (run.length >= 2 && first && last && !(run.length === 2 && first.id === last.id)) {
        const line = run.map((v) => v.p);
        if (direction === 'backward') line.reverse();
        let lengthM = 0;
        for (let i = 1; i < line.length; i++)
          lengthM += metresBetween(line[i - 1] ?? [0, 0], line[i] ?? [0, 0]);
        const [from, to] = direction === 'backward' ? [last, first] : [first, last];
        segments.push({
          id: `w${w.id}-${part++}`,
          name,
          class: kind.cls,
          from: nodeOf(from.id, from.p).id,
          to: nodeOf(to.id, to.p).id,
          lengthM: Math.max(0.1, Math.round(lengthM * 10) / 10),
          speedKmh: maxspeed ?? kind.kmh,
          geometry: { type: 'LineString', coordinates: line },
          ...(direction === 'both' ? {} : { oneway: true as const }),
          ...(w.tags.bridge && w.tags.bridge !== 'no' ? { bridge: true as const } : {}),
        });
      }
    };
    w.refs.forEach((ref, i) => {
      const p = position(ref);
      if (!p) {
        missing++;
        flush();
        run = [];
        return;
      }
      run.push({ id: ref, p });
      const junction = (uses.get(ref) ?? 0) > 1 || i === w.refs.length - 1;
      if (junction && run.length >= 2) {
        flush();
        run = [{ id: ref, p }];
      }
    });
  }
  if (missing > 0)
    warn(
      `${missing} 个道路节点不在文件中（裁剪边缘），相应路段已略去`,
      `${missing} road nodes are not in the file (an extract's edge); those stretches are left out`,
      String(missing),
    );
  for (const v of unreadable)
    warn(
      `限速 "${v}" 不是数值，按道路等级的默认速度计`,
      `maxspeed "${v}" is not a number: the class's default speed is used`,
      v,
    );
  if (segments.length === 0)
    problems.push({
      level: 'error',
      file,
      sheet: null,
      row: null,
      column: null,
      value: String(drivable),
      reason: words(
        drivable === 0
          ? '文件中没有可通行的道路（highway=motorway…service）'
          : '可通行的道路都在辖区范围之外：请检查文件是否属于本辖区',
        drivable === 0
          ? 'no drivable roads in the file (highway=motorway … service)'
          : "every drivable road lies outside the jurisdiction: is this the jurisdiction's file?",
      ),
    });
  return {
    nodes: [...nodes.values()],
    segments,
    problems,
    ways: drivable,
    outside: drivable - kept.length,
  };
}
