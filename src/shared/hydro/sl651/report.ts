import { bcdDigits, concat, toHex } from './bytes.ts';
import { ELEMENTS, GUIDE, STATION_TYPES, type ElementSpec } from './elements.ts';
import { End, type Frame } from './frame.ts';

/** Report function codes OneMap reads (功能码, appendix B). */
export const ReportFunction = {
  linkKeep: 0x2f,
  test: 0x30,
  timed: 0x32,
  added: 0x33,
  hourly: 0x34,
} as const;
const READ = new Set<number>(Object.values(ReportFunction));

export interface Reading {
  id: number;
  element: ElementSpec;
  /** Observation time (ISO, +08:00) of the group the element sits in. */
  time: string;
  /** The value, null where the RTU marked it missing (all FF or all AA). */
  value: number | null;
  /** Twelve 5-minute values for DRP / DRZ series. */
  values?: (number | null)[];
}

export interface StationGroup {
  /** Station address, 10 hex digits. */
  station: string;
  /** Category code (遥测站分类码) and what it means, if known. */
  type: number;
  typeName: string | null;
  readings: Reading[];
}

export interface Report {
  fn: number;
  serial: number;
  /** Send time (发报时间), ISO with +08:00. */
  sentAt: string;
  /** Its six BCD bytes, as the answer echoes them. */
  sentBytes: Uint8Array;
  stations: StationGroup[];
  /** Extended (FFxx) elements passed over: vendors' own, defined by no table. */
  skipped: string[];
}

export type ReportRefusal = 'function' | 'body' | 'time' | 'element' | 'value';
export type ReportResult =
  | { ok: true; report: Report }
  | { ok: false; reason: ReportRefusal; detail: string };

class Refused extends Error {
  constructor(
    readonly reason: ReportRefusal,
    detail: string,
  ) {
    super(detail);
  }
}

/** The body of an uplink report: serial, send time, station groups and their elements. */
export function decodeReport(frame: Frame): ReportResult {
  if (!READ.has(frame.fn))
    return { ok: false, reason: 'function', detail: `function code ${hex(frame.fn)} is not read` };
  try {
    return { ok: true, report: readBody(frame.fn, frame.body) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.reason, detail: e.message };
    throw e;
  }
}

function readBody(fn: number, body: Uint8Array): Report {
  const take = (at: number, n: number, what: string): Uint8Array => {
    if (at + n > body.length) throw new Refused('body', `${what} runs past the end of the body`);
    return body.subarray(at, at + n);
  };
  const serialBytes = take(0, 2, 'serial number');
  const sentBytes = take(2, 6, 'send time').slice();
  const report: Report = {
    fn,
    serial: ((serialBytes[0] ?? 0) << 8) | (serialBytes[1] ?? 0),
    sentAt: bcdTime(sentBytes, 'send time'),
    sentBytes,
    stations: [],
    skipped: [],
  };
  let group: StationGroup | null = null;
  let time: string | null = null;
  let at = 8;
  while (at < body.length) {
    const id = body[at] ?? 0;
    const next = body[at + 1];
    if (id === GUIDE.station && next === GUIDE.station) {
      const bytes = take(at + 2, 6, 'station address group');
      const type = bytes[5] ?? 0;
      group = {
        station: toHex(bytes.subarray(0, 5)),
        type,
        typeName: STATION_TYPES[type] ?? null,
        readings: [],
      };
      report.stations.push(group);
      time = null;
      at += 8;
      continue;
    }
    if (id === GUIDE.time && next === GUIDE.time) {
      time = bcdTime(take(at + 2, 5, 'observation time'), 'observation time');
      at += 7;
      continue;
    }
    if (id === GUIDE.extended) {
      const def = take(at + 2, 1, 'extended element')[0] ?? 0;
      take(at + 3, def >> 3, 'extended element value');
      report.skipped.push(`FF${hex(next ?? 0)}`);
      at += 3 + (def >> 3);
      continue;
    }
    const element = ELEMENTS.get(id);
    if (!element) throw new Refused('element', `element ${hex(id)} is not in the standard's table`);
    if (!group || time === null)
      throw new Refused('body', `element ${element.code} before a station and observation time`);
    const def = take(at + 1, 1, `element ${element.code}`)[0] ?? 0;
    const bytes = take(at + 2, def >> 3, `element ${element.code} value`);
    group.readings.push(reading(id, element, time, bytes, def & 7));
    at += 2 + bytes.length;
  }
  return report;
}

function reading(
  id: number,
  element: ElementSpec,
  time: string,
  bytes: Uint8Array,
  decimals: number,
): Reading {
  const kind = element.kind.kind;
  if (kind === 'rain-5min' || kind === 'level-5min') {
    // Binary counts, not BCD: 0.1 mm per rain slot (1 byte), 0.01 m per level slot (2 bytes).
    const width = kind === 'rain-5min' ? 1 : 2;
    if (bytes.length !== 12 * width)
      throw new Refused('value', `${element.code} needs ${12 * width} bytes, has ${bytes.length}`);
    const values = Array.from({ length: 12 }, (_, k) => {
      const raw =
        width === 1 ? (bytes[k] ?? 0) : ((bytes[2 * k] ?? 0) << 8) | (bytes[2 * k + 1] ?? 0);
      if (raw === (width === 1 ? 0xff : 0xffff)) return null;
      return width === 1 ? raw / 10 : raw / 100;
    });
    return { id, element, time, value: null, values };
  }
  if (kind === 'status') {
    const word = bytes.reduce((n, b) => n * 256 + b, 0);
    return { id, element, time, value: word };
  }
  if (kind === 'step') {
    // d h m, one of them non-zero: the step in minutes.
    const digits = bcdDigits(bytes);
    if (digits === null || digits.length !== 6)
      throw new Refused('value', 'time step is not 3 BCD bytes');
    const [d, h, m] = [0, 2, 4].map((k) => Number(digits.slice(k, k + 2)));
    return { id, element, time, value: (d ?? 0) * 1440 + (h ?? 0) * 60 + (m ?? 0) };
  }
  return { id, element, time, value: bcdNumber(bytes, decimals, element.code) };
}

/**
 * A BCD value with `decimals` places: a leading FF byte makes it negative; all FF or all AA is
 * the RTU's "no value" (checked first: all FF would otherwise read as negative).
 */
export function bcdNumber(bytes: Uint8Array, decimals: number, code = 'value'): number | null {
  if (bytes.length === 0) throw new Refused('value', `${code} has no bytes`);
  if (bytes.every((b) => b === 0xff) || bytes.every((b) => b === 0xaa)) return null;
  const negative = bytes[0] === 0xff;
  const digits = bcdDigits(bytes, negative ? 1 : 0);
  if (digits === null) throw new Refused('value', `${code} ${toHex(bytes)} is not BCD`);
  const n = Number(digits) / 10 ** decimals;
  return negative ? -n : n;
}

/** YYMMDDHHmm[ss] in BCD, Beijing time, as ISO with +08:00 (the century is 20xx). */
function bcdTime(bytes: Uint8Array, what: string): string {
  const digits = bcdDigits(bytes);
  if (digits === null) throw new Refused('time', `${what} ${toHex(bytes)} is not BCD`);
  const [yy, mo, dd, hh, mi, ss] = [0, 2, 4, 6, 8, 10].map((k) => digits.slice(k, k + 2) || '00');
  const iso = `20${yy}-${mo}-${dd}T${hh}:${mi}:${ss}+08:00`;
  const t = new Date(iso);
  // A date that does not exist (Feb 30, hour 25) parses to NaN or rolls over: refuse both.
  if (Number.isNaN(t.getTime()) || shiftMinutes(iso, 0) !== iso)
    throw new Refused('time', `${what} ${digits} is not a date and time`);
  return iso;
}

/** An ISO time with +08:00 moved by some minutes, still written with +08:00. */
export function shiftMinutes(iso: string, minutes: number): string {
  const local = new Date(Date.parse(iso) + (minutes + 8 * 60) * 60_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

/**
 * The centre's answer to an uplink report (确认报): same function code, the report's serial and
 * send time echoed (as the published answers do), ESC to keep the station online — or ACK to a
 * block that says more follow. A link-keep report gets none.
 */
export function answerFor(frame: Frame, report: Report): Frame | null {
  if (frame.fn === ReportFunction.linkKeep) return null;
  return {
    direction: 'down',
    centre: frame.centre,
    station: frame.station,
    password: frame.password,
    fn: frame.fn,
    body: concat(report.serial >> 8, report.serial & 0xff, report.sentBytes),
    end: frame.end === End.ETB ? End.ACK : End.ESC,
  };
}

const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
