import { z } from 'zod';
import { DateTime, PolygonGeometry, WarningColour } from './common.ts';

/** CAP 1.2 <alert>/<info> fields OneMap keeps (OASIS CAP 1.2, ITU-T X.1303). */
export const CapStatus = z.enum(['Actual', 'Exercise', 'System', 'Test', 'Draft']);
export const CapMsgType = z.enum(['Alert', 'Update', 'Cancel', 'Ack', 'Error'], {
  error: 'msgType must be Alert, Update or Cancel (or Ack/Error)',
});
export const CapUrgency = z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']);
export const CapSeverity = z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']);
export const CapCertainty = z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']);

/**
 * Bounds of one alert's geometry: a warning is drawn on every console and tested against every
 * village, so a huge polygon or a continent-sized circle is refused, not drawn.
 */
export const CAP_LIMITS = { pointsPerPolygon: 2_000, shapesPerArea: 50, areas: 20, radiusKm: 300 };

/** A circle as CAP writes it, with the centre in GeoJSON order and the radius in km. */
export const CapCircle = z.object({
  center: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
  radiusKm: z.number().positive({ error: 'circle radius must be positive (km)' }),
});

export const WarningArea = z.object({
  areaDesc: z.string().min(1, { error: 'each area needs an areaDesc' }),
  polygons: z.array(PolygonGeometry),
  circles: z.array(CapCircle),
  /** Administrative codes the area covers. */
  geocodes: z.array(z.string().regex(/^\d{6}(\d{3}){0,2}$/)),
});
export type WarningArea = z.infer<typeof WarningArea>;

export const Warning = z
  .object({
    identifier: z
      .string()
      .min(1, { error: 'identifier must not be empty' })
      .regex(/^[^\s,<&]+$/, { error: 'CAP identifier must not contain spaces, commas, < or &' }),
    sender: z
      .string()
      .min(1)
      .regex(/^[^\s,<&]+$/, { error: 'CAP sender must not contain spaces' }),
    senderName: z.string(),
    sent: DateTime,
    status: CapStatus,
    msgType: CapMsgType,
    /** "sender,identifier,sent" of the messages this one updates or cancels. */
    references: z.array(z.string()),
    event: z.string().min(1, { error: 'event (e.g. 暴雨预警) must not be empty' }),
    urgency: CapUrgency,
    severity: CapSeverity,
    certainty: CapCertainty,
    level: WarningColour,
    headline: z.string(),
    description: z.string(),
    instruction: z.string(),
    onset: DateTime,
    expires: DateTime,
    areas: z.array(WarningArea).min(1, { error: 'a warning needs at least one area' }),
  })
  .refine((w) => Date.parse(w.expires) > Date.parse(w.onset), {
    path: ['expires'],
    error: 'expires must be after onset',
  })
  .refine((w) => w.msgType === 'Alert' || w.references.length > 0, {
    path: ['references'],
    error: 'an Update or Cancel must reference the message it updates',
  });
export type Warning = z.infer<typeof Warning>;
