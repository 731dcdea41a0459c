import { z } from 'zod';

/**
 * A jurisdiction's id: the name of its folder in the gateway's data directory. Which ids exist is
 * data (the folders there), not code: this only says what an id may look like, so that it is safe
 * in a path, a URL and a Redis key.
 */
export const ScenarioId = z
  .string({ error: 'scenario must be a jurisdiction id' })
  .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, {
    error: 'a jurisdiction id is 2–32 lower-case letters, digits and hyphens, e.g. "jinshui"',
  });
export type ScenarioId = z.infer<typeof ScenarioId>;

const longitude = z
  .number({ error: 'longitude must be a number' })
  .min(-180, { error: 'longitude must be between -180 and 180' })
  .max(180, { error: 'longitude must be between -180 and 180' });
const latitude = z
  .number({ error: 'latitude must be a number' })
  .min(-90, { error: 'latitude must be between -90 and 90' })
  .max(90, { error: 'latitude must be between -90 and 90' });

/** A position as GeoJSON orders it: [longitude, latitude], WGS84/CGCS2000 degrees. */
export const LonLat = z.tuple([longitude, latitude], {
  error: 'position must be [longitude, latitude] in degrees',
});
export type LonLat = z.infer<typeof LonLat>;

/**
 * Set on an entity a register placed at its village committee because the row had a village
 * code and no coordinates: shown as approximate wherever its position is shown.
 */
export const Approximate = z.literal(true).optional();

const ring = z
  .array(LonLat)
  .min(4, { error: 'a polygon ring needs at least 4 positions' })
  .refine(
    (r) => {
      const a = r[0];
      const b = r[r.length - 1];
      return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
    },
    { error: 'a polygon ring must be closed (first position equals last)' },
  );

export const PolygonGeometry = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(ring).min(1, { error: 'a polygon needs an outer ring' }),
});
export type PolygonGeometry = z.infer<typeof PolygonGeometry>;

export const MultiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1)).min(1),
});
export type MultiPolygonGeometry = z.infer<typeof MultiPolygonGeometry>;

export const AreaGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry], {
  error: 'geometry must be a GeoJSON Polygon or MultiPolygon',
});
export type AreaGeometry = z.infer<typeof AreaGeometry>;

export const LineGeometry = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(LonLat).min(2, { error: 'a line needs at least 2 positions' }),
});
export type LineGeometry = z.infer<typeof LineGeometry>;

/** ISO 8601 date-time with an explicit offset, e.g. 2021-07-20T16:00:00+08:00. */
export const DateTime = z.iso.datetime({
  offset: true,
  error: 'time must be an ISO 8601 date-time with offset, e.g. 2021-07-20T16:00:00+08:00',
});

/** Calendar date, e.g. a rectification deadline. */
export const DateOnly = z.iso.date({ error: 'date must be YYYY-MM-DD' });

export const EntityId = z
  .string({ error: 'id must be a string' })
  .min(1, { error: 'id must not be empty' })
  .max(64, { error: 'id must be at most 64 characters' })
  .regex(/^[A-Za-z0-9_.:-]+$/, {
    error: 'id may contain only letters, digits and _ . : -',
  });

export const NonNegativeInt = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .nonnegative({ error: 'must not be negative' });

/** A contact shown to duty officers and hidden on public walls (redaction). */
export const Contact = z.object({
  name: z.string().min(1, { error: 'contact name must not be empty' }),
  phone: z.string().regex(/^[0-9+\- ]{5,20}$/, { error: 'phone must be 5–20 digits' }),
});
export type Contact = z.infer<typeof Contact>;

/**
 * The four official levels (I most severe). Warning colours and emergency response levels use the
 * same scale; the colours are fixed by convention and never invented (brief: "Conventions").
 */
export const SeverityLevel = z.enum(['I', 'II', 'III', 'IV'], {
  error: 'level must be one of I, II, III, IV (I is the most severe)',
});
export type SeverityLevel = z.infer<typeof SeverityLevel>;

/** 0 for I (most severe) … 3 for IV: sorting by it puts the most severe first. */
export const severityRank = (level: SeverityLevel): number => SeverityLevel.options.indexOf(level);

export const WarningColour = z.enum(['blue', 'yellow', 'orange', 'red'], {
  error: 'colour level must be blue, yellow, orange or red',
});
export type WarningColour = z.infer<typeof WarningColour>;

export const COLOUR_OF_LEVEL: Readonly<Record<SeverityLevel, WarningColour>> = {
  I: 'red',
  II: 'orange',
  III: 'yellow',
  IV: 'blue',
};

/** Hazards a shelter can be safe for, and what a hazard area is caused by. */
export const HazardKind = z.enum(['flood', 'waterlogging', 'earthquake', 'landslide', 'fire']);
export type HazardKind = z.infer<typeof HazardKind>;
