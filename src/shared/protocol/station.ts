import { z } from 'zod';
import { Approximate, DateTime, EntityId, LonLat } from './common.ts';
import { FiringLevel } from './hydro-rule.ts';

/**
 * 水雨情 stations: rain gauges (雨量站), river water-level stations (水位站/水文站), reservoirs
 * (水库) and waterlogging depth sensors at underpasses and low streets (积水监测点).
 */
export const StationKind = z.enum(['rain', 'river', 'reservoir', 'waterlogging'], {
  error: 'station kind must be rain, river, reservoir or waterlogging',
});
export type StationKind = z.infer<typeof StationKind>;

const metres = z.number({ error: 'a level must be a number of metres' });
const millimetres = z
  .number({ error: 'rainfall must be a number of millimetres' })
  .positive({ error: 'a rainfall threshold must be above 0 mm' });

/** Rainfall thresholds over 1 h, 3 h and 24 h, any of them (mm). */
export const RainThresholds = z
  .object({ h1: millimetres.optional(), h3: millimetres.optional(), h24: millimetres.optional() })
  .refine((t) => t.h1 !== undefined || t.h3 !== undefined || t.h24 !== undefined, {
    error: 'a rainfall threshold needs at least one of 1 h, 3 h, 24 h',
  });
export type RainThresholds = z.infer<typeof RainThresholds>;

/**
 * A village a gauge watches (山洪/内涝预警指标): the rainfall at which its people get ready to
 * leave (准备转移) and must leave (立即转移), the way mountain-torrent warning indices tie
 * villages to gauges.
 */
export const VillageIndex = z
  .object({
    villageCode: z.string().regex(/^\d{12}$/, { error: 'village code must be 12 digits' }),
    hazard: z.enum(['flash_flood', 'waterlogging']),
    prepare: RainThresholds,
    evacuate: RainThresholds,
  })
  .refine(
    (v) =>
      (['h1', 'h3', 'h24'] as const).every(
        (k) =>
          v.prepare[k] === undefined || v.evacuate[k] === undefined || v.prepare[k] < v.evacuate[k],
      ),
    { error: '准备转移 thresholds must be below 立即转移 ones' },
  );
export type VillageIndex = z.infer<typeof VillageIndex>;

/** Characteristic levels, metres on the station's datum (基面). */
export const StationLevels = z.object({
  /** 警戒水位 (river). */
  warning: metres.optional(),
  /** 保证水位 (river). */
  guarantee: metres.optional(),
  /** 汛限水位 (reservoir, flood season). */
  floodLimit: metres.optional(),
  /** 正常蓄水位 (reservoir). */
  normal: metres.optional(),
  /** 设计洪水位 (reservoir). */
  design: metres.optional(),
});
export type StationLevels = z.infer<typeof StationLevels>;

export const Station = z
  .object({
    id: EntityId,
    /**
     * 测站编码: the station's code in the national plan (8 digits), or the 10-digit address its
     * RTU reports with (SL 651 pads the 8-digit code with zeros).
     */
    code: z.string().regex(/^\d{8}(\d{2})?$/, { error: 'station code must be 8 or 10 digits' }),
    name: z.string().min(1),
    kind: StationKind,
    position: LonLat,
    approximate: Approximate,
    countyCode: z.string().regex(/^\d{6}$/),
    townshipCode: z.string().regex(/^\d{9}$/),
    /** The river (or reservoir) it stands on, by name. */
    water: z.string().min(1).optional(),
    levels: StationLevels.optional(),
    /** Waterlogging depth at which the street is impassable (m). */
    depthAlarmM: z.number().positive().optional(),
    /** Villages whose warning index reads this gauge. */
    watches: z.array(VillageIndex).optional(),
  })
  .superRefine((s, ctx) => {
    const l = s.levels ?? {};
    // Each issue names the field it is about, so an import's report names the column.
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if (s.kind === 'river' && l.warning === undefined)
      issue(['levels', 'warning'], 'a river station needs its 警戒水位');
    if (s.kind === 'river' && l.guarantee === undefined)
      issue(['levels', 'guarantee'], 'a river station needs its 保证水位');
    if (l.warning !== undefined && l.guarantee !== undefined && l.warning >= l.guarantee)
      issue(['levels', 'guarantee'], '警戒水位 must be below 保证水位');
    if (s.kind === 'reservoir' && l.floodLimit === undefined)
      issue(['levels', 'floodLimit'], 'a reservoir needs its 汛限水位');
    if (l.floodLimit !== undefined && l.design !== undefined && l.floodLimit >= l.design)
      issue(['levels', 'design'], '汛限水位 must be below 设计洪水位');
    if (s.kind === 'waterlogging' && s.depthAlarmM === undefined)
      issue(['depthAlarmM'], 'a waterlogging sensor needs its alarm depth');
  });
export type Station = z.infer<typeof Station>;

/** What a station measures. */
export const ObservedElement = z.enum(['rain', 'level', 'depth'], {
  error: 'element must be rain, level or depth',
});
export type ObservedElement = z.infer<typeof ObservedElement>;

/**
 * One value a station reported. Rain is the amount that fell in the `periodMin` minutes ending
 * at `time` (mm); a level is metres on the station's datum at `time`; a depth is metres of water
 * over the street.
 */
export const Observation = z
  .object({
    /** The station's code (测站编码) as its feed names it. */
    station: z.string().regex(/^\d{8}(\d{2})?$/, { error: 'station code must be 8 or 10 digits' }),
    element: ObservedElement,
    time: DateTime,
    value: z.number({ error: 'an observed value must be a number' }),
    periodMin: z.number().int().positive().max(1440).optional(),
  })
  .refine((o) => o.element !== 'rain' || (o.periodMin !== undefined && o.value >= 0), {
    error: 'rain needs its period in minutes and a value of 0 mm or more',
  });
export type Observation = z.infer<typeof Observation>;

/** A rule firing as a station's chart marks it: when it opened (and cleared), at what. */
export const FiringMark = z.object({
  id: EntityId,
  rule: EntityId,
  ruleName: z.string(),
  level: FiringLevel,
  openedAt: DateTime,
  clearedAt: DateTime.optional(),
  value: z.number(),
  threshold: z.number(),
  unit: z.enum(['mm', 'm', 'm/h']),
  windowH: z.number().int().positive().optional(),
});
export type FiringMark = z.infer<typeof FiringMark>;

/** `GET /api/scenarios/:scenario/stations/:station/observations`: a station's recent series. */
export const StationObservationsAnswer = z.object({
  station: EntityId,
  code: z.string(),
  since: DateTime,
  observations: z.array(Observation),
  /** The rule firings at the station that were open at some point since `since`. */
  firings: z.array(FiringMark),
});

/** What a station last said (absent from the answer: nothing since the gateway started). */
export const StationReading = z.object({
  station: EntityId,
  code: z.string(),
  lastAt: DateTime,
  /** Newest water level or waterlogging depth (m). */
  value: z.number().optional(),
  /** Rain over the last 1 h and 24 h up to its last report (mm). */
  rain1h: z.number().optional(),
  rain24h: z.number().optional(),
});
export type StationReading = z.infer<typeof StationReading>;

/** `GET /api/scenarios/:scenario/stations/readings`: every reporting station's latest. */
export const StationReadingsAnswer = z.object({
  scenario: z.string(),
  /** The gateway's clock when answered: staleness is judged against it, not the browser's. */
  at: DateTime,
  readings: z.array(StationReading),
});
export type StationReadingsAnswer = z.infer<typeof StationReadingsAnswer>;
export type StationObservationsAnswer = z.infer<typeof StationObservationsAnswer>;

/** What an OGC SensorThings ingest call (Datastreams or Observations) answers. */
export const SensorThingsAnswer = z.object({
  accepted: z.number().int().nonnegative(),
  /** Of the accepted, how many were new (a repeat is stored once). */
  stored: z.number().int().nonnegative(),
  rejected: z.array(z.object({ index: z.number().int().nonnegative(), error: z.string() })),
});
export type SensorThingsAnswer = z.infer<typeof SensorThingsAnswer>;
