import { z } from 'zod';
import type { ObservedElement, Observation, Station } from '../../shared/protocol/index.ts';

/**
 * OGC SensorThings API (Sensing, v1.1) as far as a 水雨情 feed needs it: a `Datastream` names
 * its `Thing` (the station, by its 测站编码 in `Thing.properties.stationCode` or the Thing's
 * `name`), its `ObservedProperty` (rain, water level, depth) and its `unitOfMeasurement`; an
 * `Observation` names its Datastream by `@iot.id` (or carries it whole, a deep insert) and gives
 * a `phenomenonTime` — an instant, or an interval for rain over a period — and a numeric
 * `result`. Batches come as a JSON array or as `{ "value": [...] }`, the collection's own shape.
 */

const IotId = z.union([z.string().min(1).max(100), z.number().int()], {
  error: '@iot.id must be a string or a whole number',
});

export const StDatastream = z.object({
  '@iot.id': IotId,
  name: z.string().max(200).optional(),
  unitOfMeasurement: z.object(
    { symbol: z.string().max(20), name: z.string().max(100).optional() },
    { error: 'unitOfMeasurement with its symbol (mm, m or cm) is required' },
  ),
  ObservedProperty: z.object(
    { name: z.string().max(100), definition: z.string().max(300).optional() },
    { error: 'ObservedProperty (precipitation, water level or water depth) is required' },
  ),
  Thing: z.object(
    {
      name: z.string().max(200).optional(),
      properties: z.object({ stationCode: z.string().optional() }).loose().optional(),
    },
    { error: 'Thing (the station) is required' },
  ),
  /** OneMap's extension: the period a rain result covers when phenomenonTime is an instant. */
  properties: z
    .object({ periodMin: z.number().int().positive().max(1440).optional() })
    .loose()
    .optional(),
});
export type StDatastream = z.infer<typeof StDatastream>;

export const StObservation = z.object({
  Datastream: z.union([StDatastream, z.object({ '@iot.id': IotId })], {
    error: 'Datastream must name its @iot.id (or be a whole Datastream)',
  }),
  phenomenonTime: z.string({ error: 'phenomenonTime is required' }).max(80),
  result: z.number({ error: 'result must be a number' }),
  resultTime: z.string().max(80).nullable().optional(),
});
export type StObservation = z.infer<typeof StObservation>;

/** A Datastream as OneMap keeps it: which station, what element, in what unit. */
export interface DatastreamMap {
  id: string;
  station: string;
  element: ObservedElement;
  /** Multiply results by this to get mm (rain) or m (level, depth). */
  factor: number;
  periodMin?: number;
}

const ELEMENT: [RegExp, ObservedElement][] = [
  [/precip|rain|雨/i, 'rain'],
  [/depth|waterlog|积水|水深/i, 'depth'],
  [/level|stage|水位/i, 'level'],
];
const FACTOR: Record<ObservedElement, Record<string, number>> = {
  rain: { mm: 1 },
  level: { m: 1, cm: 0.01 },
  depth: { m: 1, cm: 0.01, mm: 0.001 },
};

/** What a Datastream maps to among `stations`, or why it cannot. */
export function mapDatastream(
  d: StDatastream,
  stationByCode: (code: string) => Station | undefined,
): { ok: true; map: DatastreamMap } | { ok: false; error: string } {
  const code = d.Thing.properties?.stationCode ?? d.Thing.name ?? '';
  const station = stationByCode(code);
  if (!station)
    return {
      ok: false,
      error: `Thing "${code}" is not a station of this jurisdiction (Thing.properties.stationCode is its 测站编码)`,
    };
  const property = `${d.ObservedProperty.name} ${d.ObservedProperty.definition ?? ''}`;
  const element = ELEMENT.find(([re]) => re.test(property))?.[1];
  if (!element)
    return {
      ok: false,
      error: `ObservedProperty "${d.ObservedProperty.name}" is not precipitation, water level or water depth`,
    };
  const factor = FACTOR[element][d.unitOfMeasurement.symbol.trim()];
  if (factor === undefined)
    return {
      ok: false,
      error: `${element} in "${d.unitOfMeasurement.symbol}": use ${Object.keys(FACTOR[element]).join(' or ')}`,
    };
  const fits =
    element === 'rain'
      ? station.kind !== 'waterlogging' // hydrological stations measure rain too
      : element === 'level'
        ? station.kind === 'river' || station.kind === 'reservoir'
        : station.kind === 'waterlogging';
  if (!fits)
    return {
      ok: false,
      error: `station ${station.code} (${station.kind}) does not measure ${element}`,
    };
  return {
    ok: true,
    map: {
      id: String(d['@iot.id']),
      station: station.code,
      element,
      factor,
      ...(d.properties?.periodMin ? { periodMin: d.properties.periodMin } : {}),
    },
  };
}

/** Times within this much of the gateway's clock in the future are accepted (RTU clock drift). */
const FUTURE_MS = 10 * 60_000;
/** Older than this is history a feed should not be backfilling through the live intake. */
const PAST_MS = 7 * 24 * 3_600_000;

/** The Observation in OneMap's terms, or why not. */
export function mapObservation(
  o: StObservation,
  d: DatastreamMap,
  nowMs: number,
): { ok: true; observation: Observation } | { ok: false; error: string } {
  const [a, b] = o.phenomenonTime.split('/');
  const start = Date.parse(a ?? '');
  const end = b === undefined ? start : Date.parse(b);
  if (
    !Number.isFinite(start) ||
    !Number.isFinite(end) ||
    !/[zZ]|[+-]\d\d:?\d\d$/.test(b ?? a ?? '')
  )
    return {
      ok: false,
      error: `phenomenonTime "${o.phenomenonTime}" is not an ISO 8601 time (or start/end) with its offset`,
    };
  if (end > nowMs + FUTURE_MS)
    return { ok: false, error: `phenomenonTime ${o.phenomenonTime} is in the future` };
  if (end < nowMs - PAST_MS)
    return { ok: false, error: `phenomenonTime ${o.phenomenonTime} is over 7 days old` };
  const value = Math.round(o.result * d.factor * 1000) / 1000;
  if (d.element === 'rain') {
    const periodMin = b === undefined ? d.periodMin : Math.round((end - start) / 60_000);
    if (!periodMin || periodMin < 1 || periodMin > 1440)
      return {
        ok: false,
        error:
          'rain needs its period: a phenomenonTime interval (start/end), or properties.periodMin on the Datastream',
      };
    if (value < 0) return { ok: false, error: 'rain cannot be below 0 mm' };
    return {
      ok: true,
      observation: {
        station: d.station,
        element: 'rain',
        time: new Date(end).toISOString(),
        value,
        periodMin,
      },
    };
  }
  return {
    ok: true,
    observation: {
      station: d.station,
      element: d.element,
      time: new Date(end).toISOString(),
      value,
    },
  };
}
