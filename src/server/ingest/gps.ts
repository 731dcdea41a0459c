import { z } from 'zod';

/**
 * A position report in the OsmAnd protocol that Traccar and many phone trackers speak:
 * `?id=…&lat=…&lon=…&timestamp=…&speed=…&bearing=…`. Speed is in knots, as Traccar's osmand
 * protocol defines it; `timestamp` is Unix seconds, Unix milliseconds or ISO 8601.
 */
export const OsmAndReport = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: 'id must be the team id (letters, digits, _.:-)' }),
  lat: z.coerce
    .number({ error: 'lat must be a number' })
    .min(-90, { error: 'lat must be between -90 and 90' })
    .max(90, { error: 'lat must be between -90 and 90' }),
  lon: z.coerce
    .number({ error: 'lon must be a number' })
    .min(-180, { error: 'lon must be between -180 and 180' })
    .max(180, { error: 'lon must be between -180 and 180' }),
  timestamp: z.string().optional(),
  speed: z.coerce
    .number()
    .min(0, { error: 'speed cannot be negative' })
    .max(200, { error: 'speed above 200 knots is not a rescue team' })
    .optional(),
  bearing: z.coerce.number().min(0).max(360, { error: 'bearing is 0–360' }).optional(),
  heading: z.coerce.number().min(0).max(360, { error: 'heading is 0–360' }).optional(),
  altitude: z.coerce.number().optional(),
  accuracy: z.coerce.number().nonnegative().optional(),
  batt: z.coerce.number().min(0).max(100).optional(),
});
export type OsmAndReport = z.infer<typeof OsmAndReport>;

export const KNOT_KMH = 1.852;

/** The report's time in ms, or an error for a time that is not a time. */
export function reportTime(raw: string | undefined, now: number): number | string {
  if (raw === undefined || raw === '') return now;
  if (/^\d+(\.\d+)?$/.test(raw)) {
    const n = Number(raw);
    // Seconds until 2286; anything larger is milliseconds.
    return n < 1e10 ? n * 1000 : n;
  }
  const t = Date.parse(raw);
  return Number.isNaN(t) ? `timestamp "${raw}" is neither Unix time nor ISO 8601` : t;
}
