import { createServer, type Server, type Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { encodeFrame, type Frame } from '../../shared/hydro/sl651/frame.ts';
import { observationsOf } from '../../shared/hydro/sl651/observations.ts';
import { answerFor, decodeReport } from '../../shared/hydro/sl651/report.ts';
import { FrameSplitter } from '../../shared/hydro/sl651/splitter.ts';
import { Observation, type ScenarioId, type Station } from '../../shared/protocol/index.ts';
import type { AuditGate } from '../access/audit-gate.ts';
import type { Noise } from '../security/noise.ts';

export const SL651_CHANNEL = 'sl651';

/** Which station an RTU address names, in which jurisdiction (from the stations served). */
export type StationDirectory = (
  code: string,
) => { scenario: ScenarioId; station: Station } | undefined;

export interface Sl651Options {
  /** The RTUs' password (密码, 4 hex digits), configured centrally; none refuses every frame. */
  password: number | null;
  /** A partial frame older than this is given up (the line went quiet mid-frame). */
  partialMs?: number;
  /** A connection with nothing for this long is closed (an RTU on ESC stays online 10 min). */
  idleMs?: number;
  connectionsPerAddress?: number;
  connections?: number;
}

/**
 * The SL 651-2014 listener RTUs report to over TCP (HEX/BCD frames). Every frame is checked —
 * CRC, header, a station OneMap serves, the password, the report body — and a bad one is counted
 * with its reason (noise: no audit row) while the connection stays up; a good report's
 * observations are stored and answered as the standard says. The first accepted report of a
 * station on a connection is audited; the rest are counted.
 */
export function sl651Server(
  o: Sl651Options,
  d: {
    directory: StationDirectory;
    /** Stores observations (each once) and evaluates the rules on the new ones. */
    receive: (scenario: ScenarioId, o: readonly Observation[], channel: string) => Promise<number>;
    audit: AuditGate;
    noise: Noise;
    log: FastifyBaseLogger;
  },
): { server: Server; close(): Promise<void> } {
  const perAddress = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const from = socket.remoteAddress ?? 'unknown';
    const open = (perAddress.get(from) ?? 0) + 1;
    if (open > (o.connectionsPerAddress ?? 50)) {
      refuse('connections', from);
      socket.destroy();
      return;
    }
    perAddress.set(from, open);
    socket.once('close', () => {
      const left = (perAddress.get(from) ?? 1) - 1;
      if (left > 0) perAddress.set(from, left);
      else perAddress.delete(from);
    });
    serve(socket, from);
  });
  server.maxConnections = o.connections ?? 2_000;

  // Counted (per reason, on /metrics) and summarised by address: noise, never an audit row.
  const refuse = (reason: string, from: string) => d.noise.record(SL651_CHANNEL, reason, from);

  const serve = (socket: Socket, from: string) => {
    const splitter = new FrameSplitter();
    const audited = new Set<string>();
    let partial: NodeJS.Timeout | null = null;
    socket.setTimeout(o.idleMs ?? 15 * 60_000, () => socket.destroy());
    socket.on('error', () => refuse('socket error', from));
    socket.on('close', () => {
      if (partial) clearTimeout(partial);
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const r of splitter.push(new Uint8Array(chunk))) {
          if (!r.ok) refuse(r.reason, from);
          else handle(r.frame, socket, from, audited);
        }
      } catch (e) {
        // A bug, not the sender's fault: counted and logged, the listener goes on.
        d.log.error(e, 'sl651 frame');
        refuse('internal', from);
      }
      if (partial) clearTimeout(partial);
      partial =
        splitter.pending > 0
          ? setTimeout(() => {
              if (splitter.flush()) refuse('truncated', from);
            }, o.partialMs ?? 10_000)
          : null;
    });
  };

  /** What a frame says, if it is a report OneMap reads from a station it serves; else why not. */
  const admit = (frame: Frame) => {
    if (frame.direction !== 'up') return 'downlink';
    const code = frame.station.startsWith('00') ? frame.station.slice(2) : frame.station;
    const found = d.directory(code);
    if (!found) return 'unknown station';
    if (o.password === null || frame.password !== o.password) return 'password';
    const decoded = decodeReport(frame);
    return decoded.ok ? { code, found, report: decoded.report } : decoded.reason;
  };

  const handle = (frame: Frame, socket: Socket, from: string, audited: Set<string>) => {
    const admitted = admit(frame);
    if (typeof admitted === 'string') {
      refuse(admitted, from);
      return;
    }
    const { code, found, report } = admitted;
    const { scenario } = found;
    const { observations, unknown } = observationsOf(report, (c) => {
      const s = d.directory(c);
      return s?.scenario === scenario ? s.station.kind : undefined;
    });
    unknown.forEach(() => refuse('unknown station', from));
    const valid = observations.filter((obs) => {
      if (Observation.safeParse(obs).success) return true;
      refuse('value', from);
      return false;
    });
    // The answer does not wait for the rules: the RTU hears back as soon as its frame is read.
    void d.receive(scenario, valid, SL651_CHANNEL).catch((e: unknown) => {
      d.log.error(e, 'sl651 observations');
      refuse('internal', from);
    });
    const answer = answerFor(frame, report);
    if (answer) socket.write(encodeFrame(answer));
    if (!audited.has(code)) {
      audited.add(code);
      void d.audit.done({
        time: new Date().toISOString(),
        subject: `rtu:${code}`,
        role: 'rtu',
        command: 'ingest:sl651',
        scenario,
        target: found.station.id,
        outcome: 'done',
        detail: `${found.station.name} reporting from ${from} (function ${frame.fn.toString(16).toUpperCase()}H, ${valid.length} observations)`,
        reason: null,
        before: null,
        after: null,
        seq: null,
      });
    }
  };

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (!server.listening) resolve();
        else server.close(() => resolve());
      }),
  };
}

/** Stations of every jurisdiction served, by code (8 digits, or 10 for a non-hydrology RTU). */
export function stationDirectory(
  scenarios: ReadonlyMap<ScenarioId, { collections: ReadonlyMap<string, unknown> }>,
): StationDirectory {
  let seen: unknown[] = [];
  let byCode = new Map<string, { scenario: ScenarioId; station: Station }>();
  return (code) => {
    // Rebuilt when a jurisdiction is served anew (a new version, a new folder).
    const now = [...scenarios.values()];
    if (now.length !== seen.length || now.some((s, i) => s !== seen[i])) {
      seen = now;
      byCode = new Map();
      for (const [scenario, data] of scenarios) {
        const list = data.collections.get('stations') as
          | { entities: readonly Station[] }
          | undefined;
        for (const station of list?.entities ?? [])
          if (!byCode.has(station.code)) byCode.set(station.code, { scenario, station });
      }
    }
    return byCode.get(code);
  };
}
