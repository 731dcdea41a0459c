import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { z } from 'zod';
import {
  CapCertainty,
  CapMsgType,
  CapSeverity,
  CapStatus,
  CapUrgency,
  CAP_LIMITS,
  Warning,
  type LonLat,
  type PolygonGeometry,
  type WarningColour,
} from '../../shared/protocol/index.ts';

export type CapResult =
  | { ok: true; warning: Warning; eventType: 'warning:issue' | 'warning:update' | 'warning:cancel' }
  | { ok: false; error: string };

const parser = new XMLParser({
  // No entity is ever expanded (a DOCTYPE is refused before parsing anyway).
  processEntities: false,
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  // Elements CAP allows more than once are always arrays.
  isArray: (name) => ['info', 'area', 'polygon', 'circle', 'geocode', 'parameter'].includes(name),
});

/** CAP's severity when a message carries no explicit colour level (China's CAP profile adds one). */
const LEVEL_OF_SEVERITY: Record<string, WarningColour> = {
  Extreme: 'red',
  Severe: 'orange',
  Moderate: 'yellow',
  Minor: 'blue',
};
const LEVEL_WORDS: Record<string, WarningColour> = {
  red: 'red',
  红色: 'red',
  orange: 'orange',
  橙色: 'orange',
  yellow: 'yellow',
  黄色: 'yellow',
  blue: 'blue',
  蓝色: 'blue',
};

const text = z.string({ error: 'is missing' }).min(1, { error: 'is empty' });

/** CAP 1.2 <alert> as parsed XML, before mapping (OASIS CAP 1.2 §3.2.1–3.2.4 required fields). */
const CapXml = z.object({
  identifier: text,
  sender: text,
  sent: text,
  status: CapStatus,
  msgType: CapMsgType,
  scope: z.enum(['Public', 'Restricted', 'Private'], {
    error: 'scope must be Public, Restricted or Private',
  }),
  references: z.string().optional(),
  info: z
    .array(
      z.object({
        event: text,
        urgency: CapUrgency,
        severity: CapSeverity,
        certainty: CapCertainty,
        senderName: z.string().optional(),
        headline: z.string().optional(),
        description: z.string().optional(),
        instruction: z.string().optional(),
        onset: z.string().optional(),
        effective: z.string().optional(),
        expires: z.string().optional(),
        parameter: z.array(z.object({ valueName: z.string(), value: z.string() })).optional(),
        area: z
          .array(
            z.object({
              areaDesc: text,
              polygon: z.array(z.string()).optional(),
              circle: z.array(z.string()).optional(),
              geocode: z.array(z.object({ valueName: z.string(), value: z.string() })).optional(),
            }),
          )
          .min(1, { error: 'needs at least one <area>' }),
      }),
    )
    .min(1, { error: 'needs at least one <info>' }),
});

/** "lat,lon lat,lon …" (CAP's order) → a GeoJSON ring in [lon, lat] order. */
export function capPolygon(raw: string): PolygonGeometry {
  const pairs = raw.trim().split(/\s+/);
  if (pairs.length > CAP_LIMITS.pointsPerPolygon)
    throw new Error(
      `a polygon of ${pairs.length} points: at most ${CAP_LIMITS.pointsPerPolygon} per polygon`,
    );
  const ring: LonLat[] = pairs.map((pair) => {
    const [lat, lon] = pair.split(',').map(Number);
    if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      throw new Error(`polygon point "${pair}" is not "lat,lon"`);
    }
    return [lon, lat];
  });
  if (ring.length < 4) throw new Error('a CAP polygon needs at least 4 points (first = last)');
  return { type: 'Polygon', coordinates: [ring] };
}

/** "lat,lon radiusKm" → centre in [lon, lat] order and radius in km. */
export function capCircle(raw: string): { center: LonLat; radiusKm: number } {
  const [point, radius] = raw.trim().split(/\s+/);
  const [lat, lon] = (point ?? '').split(',').map(Number);
  const r = Number(radius);
  if (
    lat === undefined ||
    lon === undefined ||
    !Number.isFinite(lat) ||
    !Number.isFinite(lon) ||
    !Number.isFinite(r)
  ) {
    throw new Error(`circle "${raw}" is not "lat,lon radius"`);
  }
  if (r > CAP_LIMITS.radiusKm)
    throw new Error(`circle radius ${r} km: at most ${CAP_LIMITS.radiusKm} km`);
  return { center: [lon, lat], radiusKm: r };
}

/**
 * A CAP 1.2 XML alert as a OneMap warning. Alert → warning:issue, Update → warning:update,
 * Cancel → warning:cancel; the colour level comes from a `level`/`预警级别` parameter, else from
 * CAP severity.
 */
export function parseCap(xml: string): CapResult {
  // CAP has no use for a DOCTYPE; one can only declare entities (expansion bombs, external
  // files). Refused outright, before any parser sees it.
  if (/<!DOCTYPE/i.test(xml)) return { ok: false, error: 'a DOCTYPE is not allowed in CAP' };
  try {
    // CAP documents are small; entities in a DOCTYPE are refused outright (no expansion bombs).
    SyntaxValidator.validate(xml, { docType: { maxEntityCount: 0 } });
  } catch (e) {
    const line = (e as { line?: number }).line;
    return {
      ok: false,
      error: `not well-formed XML: ${(e as Error).message}${line ? ` (line ${line})` : ''}`,
    };
  }
  const doc: unknown = parser.parse(xml);
  const alert = (doc as { alert?: unknown } | null)?.alert;
  if (!alert) return { ok: false, error: 'no <alert> element (is this CAP 1.2?)' };
  const parsed = CapXml.safeParse(alert);
  if (!parsed.success) return { ok: false, error: `CAP alert ${z.prettifyError(parsed.error)}` };
  const a = parsed.data;
  const info = a.info[0];
  if (!info) return { ok: false, error: 'CAP alert needs an <info>' };
  try {
    const levelParam = info.parameter
      ?.find((p) => /^(level|colou?r|预警级别|预警颜色)$/i.test(p.valueName))
      ?.value.toLowerCase();
    const level =
      (levelParam && LEVEL_WORDS[levelParam.replace(/预警$/, '')]) ??
      LEVEL_OF_SEVERITY[info.severity];
    if (!level)
      return {
        ok: false,
        error: `no colour level: add a "level" parameter or a severity other than ${info.severity}`,
      };
    if (info.area.length > CAP_LIMITS.areas)
      return { ok: false, error: `${info.area.length} areas: at most ${CAP_LIMITS.areas}` };
    const crowded = info.area.find(
      (ar) => (ar.polygon?.length ?? 0) + (ar.circle?.length ?? 0) > CAP_LIMITS.shapesPerArea,
    );
    if (crowded)
      return {
        ok: false,
        error: `area "${crowded.areaDesc}" has more than ${CAP_LIMITS.shapesPerArea} polygons and circles`,
      };
    const onset = info.onset ?? info.effective ?? a.sent;
    const candidate = {
      identifier: a.identifier,
      sender: a.sender,
      senderName: info.senderName ?? '',
      sent: a.sent,
      status: a.status,
      msgType: a.msgType,
      // CAP references: space-separated "sender,identifier,sent" triples.
      references: a.references ? a.references.trim().split(/\s+/) : [],
      event: info.event,
      urgency: info.urgency,
      severity: info.severity,
      certainty: info.certainty,
      level,
      headline: info.headline ?? '',
      description: info.description ?? '',
      instruction: info.instruction ?? '',
      onset,
      expires: info.expires ?? new Date(Date.parse(onset) + 24 * 3_600_000).toISOString(),
      areas: info.area.map((ar) => ({
        areaDesc: ar.areaDesc,
        polygons: (ar.polygon ?? []).map(capPolygon),
        circles: (ar.circle ?? []).map(capCircle),
        geocodes: (ar.geocode ?? [])
          .map((g) => g.value)
          .filter((v) => /^\d{6}(\d{3}){0,2}$/.test(v)),
      })),
    };
    const warning = Warning.safeParse(candidate);
    if (!warning.success)
      return {
        ok: false,
        error: `CAP alert does not make a valid warning: ${z.prettifyError(warning.error)}`,
      };
    const eventType =
      a.msgType === 'Cancel'
        ? 'warning:cancel'
        : a.msgType === 'Update'
          ? 'warning:update'
          : 'warning:issue';
    if (a.msgType === 'Ack' || a.msgType === 'Error')
      return { ok: false, error: `msgType ${a.msgType} carries no warning` };
    return { ok: true, warning: warning.data, eventType };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
