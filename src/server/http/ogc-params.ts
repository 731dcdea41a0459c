import type { BBox, ItemQuery, TimeRange } from '../data/collection.ts';
import { BadRequest } from './errors.ts';

export { BadRequest };

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

/** Standard parameters of OGC API – Features Part 1 /items. */
const STANDARD = new Set(['limit', 'offset', 'bbox', 'datetime', 'f']);

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new BadRequest(`${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max)
    throw new BadRequest(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function parseBbox(raw: string): BBox {
  const parts = raw.split(',');
  if (parts.length === 6) {
    throw new BadRequest(
      'bbox with heights (6 numbers) is not supported: give minLon,minLat,maxLon,maxLat',
    );
  }
  if (parts.length !== 4) {
    throw new BadRequest(`bbox must be 4 numbers minLon,minLat,maxLon,maxLat, got "${raw}"`);
  }
  const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (nums.some((n) => !Number.isFinite(n)))
    throw new BadRequest(`bbox has a value that is not a number: "${raw}"`);
  const [w, s, e, n] = nums as [number, number, number, number];
  if (w < -180 || e > 180 || s < -90 || n > 90) {
    throw new BadRequest('bbox is outside WGS84 bounds (longitude ±180, latitude ±90)');
  }
  if (s > n) throw new BadRequest('bbox minLat is greater than maxLat');
  if (w > e)
    throw new BadRequest('bbox crossing the antimeridian (minLon > maxLon) is not supported');
  return [w, s, e, n];
}

function instant(raw: string): number | null {
  if (raw === '..' || raw === '') return null;
  // RFC 3339 date-time or plain date.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/i.test(raw)) {
    throw new BadRequest(
      `datetime "${raw}" is not an RFC 3339 date-time such as 2021-07-20T16:00:00+08:00`,
    );
  }
  // Date.parse rolls 2021-02-30 over to March; check the calendar date exists.
  const [y, m, d] = raw.slice(0, 10).split('-').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const t = Date.parse(raw);
  if (Number.isNaN(t) || m < 1 || m > 12 || d < 1 || d > daysInMonth) {
    throw new BadRequest(`datetime "${raw}" is not a valid date`);
  }
  return t;
}

/** `instant`, `start/end`, `../end` or `start/..`. */
export function parseDatetime(raw: string): TimeRange {
  const parts = raw.split('/');
  if (parts.length > 2) throw new BadRequest('datetime interval must be start/end');
  if (parts.length === 1) {
    const t = instant(parts[0] ?? '');
    return { start: t, end: t };
  }
  const start = instant(parts[0] ?? '');
  const end = instant(parts[1] ?? '');
  if (start !== null && end !== null && start > end) {
    throw new BadRequest('datetime interval ends before it starts');
  }
  return { start, end };
}

export interface ItemsRequest {
  limit: number;
  offset: number;
  query: ItemQuery;
}

/** Reads /items query parameters; anything unknown is an error that lists what is allowed. */
export function parseItemsQuery(
  params: Record<string, unknown>,
  queryables: readonly string[],
  timeField: string | null,
): ItemsRequest {
  const one = (name: string): string | undefined => {
    const v = params[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new BadRequest(`${name} may be given only once`);
    return v;
  };
  for (const name of Object.keys(params)) {
    if (!STANDARD.has(name) && !queryables.includes(name)) {
      const allowed = [...STANDARD, ...queryables].join(', ');
      throw new BadRequest(`unknown parameter "${name}"; this collection accepts: ${allowed}`);
    }
  }
  const f = one('f');
  if (f !== undefined && f !== 'json' && f !== 'geojson') {
    throw new BadRequest(`f must be json or geojson, got "${f}"`);
  }
  const limitRaw = one('limit');
  const offsetRaw = one('offset');
  const bboxRaw = one('bbox');
  const datetimeRaw = one('datetime');
  if (datetimeRaw !== undefined && timeField === null) {
    throw new BadRequest('this collection has no time: datetime does not apply');
  }
  const filters: Record<string, string> = {};
  for (const q of queryables) {
    const v = one(q);
    if (v !== undefined) filters[q] = v;
  }
  const query: ItemQuery = { filters };
  if (bboxRaw !== undefined) query.bbox = parseBbox(bboxRaw);
  if (datetimeRaw !== undefined) query.datetime = parseDatetime(datetimeRaw);
  return {
    limit: limitRaw === undefined ? DEFAULT_LIMIT : wholeNumber('limit', limitRaw, 1, MAX_LIMIT),
    offset:
      offsetRaw === undefined ? 0 : wholeNumber('offset', offsetRaw, 0, Number.MAX_SAFE_INTEGER),
    query,
  };
}
