import { describe, expect, it } from 'vitest';
import { concat, toBcd, toHex } from '../../src/shared/hydro/sl651/bytes.ts';
import { encodeFrame, End, type Frame } from '../../src/shared/hydro/sl651/frame.ts';
import type { AuditEntry, Station } from '../../src/shared/protocol/index.ts';
import { signedIn } from '../support/access.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { beijing, hourlyReport, rtu, until } from '../support/rtu.ts';

// A real gateway with its SL 651 listener on a free loopback port; RTUs speak to it over TCP.
const suite = gatewaySuite(['erqi'], {
  sl651: { port: 0, host: '127.0.0.1', password: 0x1234, partialMs: 300 },
});

async function station(kind: Station['kind']): Promise<Station> {
  const res = await fetch(
    `${suite.base}/api/scenarios/erqi/collections/stations/items?kind=${kind}&limit=1`,
  );
  const fc = (await res.json()) as { features: { id: string; properties: Omit<Station, 'id'> }[] };
  const f = fc.features[0];
  if (!f) throw new Error(`no ${kind} station in the sample`);
  return { ...f.properties, id: f.id };
}

const HOUR_START = beijing(55);
const NOW = beijing(0);
const hourly = (code: string, serial: number, patch: Partial<Frame> = {}) =>
  hourlyReport(code, serial, { patch });
const rtuClient = () => rtu(suite.gateway.sl651Port());

const refusals = async () => {
  const res = await fetch(`${suite.base}/api/health/details`, { headers: await signedIn('admin') });
  return ((await res.json()) as { rejected: Record<string, number> }).rejected;
};

describe('SL 651 listener', () => {
  it('stores an hourly report sent in pieces, answers it as the standard says, and audits the station once', async () => {
    const river = await station('river');
    const client = await rtuClient();
    const frame = encodeFrame(hourly(river.code, 41));
    // Byte by byte in three pieces, then the same report again (an RTU that missed our answer).
    client.send(frame.subarray(0, 7));
    client.send(frame.subarray(7, 40));
    client.send(frame.subarray(40));
    await until(() => client.answers().length === 1, 'the answer');
    client.send(frame);
    await until(() => client.answers().length === 2, 'the second answer');
    const [answer] = client.answers();
    expect(answer).toMatchObject({
      direction: 'down',
      station: `00${river.code}`,
      fn: 0x34,
      end: End.ESC,
    });
    // The serial and the send time echoed.
    expect(toHex(answer?.body ?? new Uint8Array())).toBe(`0029${NOW.digits}05`);

    const res = await fetch(
      `${suite.base}/api/scenarios/erqi/stations/${river.id}/observations?hours=2`,
    );
    expect(res.status).toBe(200);
    const { observations } = (await res.json()) as {
      observations: { element: string; value: number; time: string; periodMin?: number }[];
    };
    // Eleven 5-minute amounts (one slot missing) and the level, stored once though sent twice.
    const rain = observations.filter((o) => o.element === 'rain');
    expect(rain).toHaveLength(11);
    expect(rain[0]).toMatchObject({ time: HOUR_START.iso, value: 0, periodMin: 5 });
    expect(rain.reduce((sum, o) => sum + o.value, 0)).toBeCloseTo(35.6, 6);
    expect(observations.filter((o) => o.element === 'level')).toEqual([
      { station: river.code, element: 'level', time: NOW.iso, value: 107.45 },
    ]);
    const audit = await fetch(`${suite.base}/api/audit?command=ingest:sl651`, {
      headers: await signedIn('admin'),
    });
    const lines = ((await audit.json()) as { entries: AuditEntry[] }).entries;
    expect(lines.filter((l) => l.target === river.id)).toHaveLength(1);
    expect(lines[0]).toMatchObject({ subject: `rtu:${river.code}`, role: 'rtu', outcome: 'done' });
    client.socket.destroy();
  });
});

describe('SL 651 listener under bad input', () => {
  it('refuses a wrong CRC, junk, an unknown station, a wrong password and an unknown element with their reasons, and keeps the connection', async () => {
    const river = await station('river');
    const before = await refusals();
    const client = await rtuClient();
    const good = encodeFrame(hourly(river.code, 7));
    const badCrc = good.slice();
    badCrc[badCrc.length - 1] = (badCrc[badCrc.length - 1] ?? 0) ^ 0x55;
    const unknownElement = hourly(river.code, 8);
    unknownElement.body = concat(unknownElement.body, 0x99, 0x19, toBcd('000001'));
    client.send(
      concat(
        badCrc,
        Uint8Array.from([0xde, 0xad, 0xbe, 0xef]),
        encodeFrame(hourly('99999999', 9)),
        encodeFrame(hourly(river.code, 10, { password: 0x4321 })),
        encodeFrame(unknownElement),
        good,
      ),
    );
    // Only the good frame, sent last on the same connection, is answered.
    await until(() => client.answers().length === 1, 'the answer to the good frame');
    expect(client.answers()[0]?.body.subarray(0, 2)).toEqual(Uint8Array.from([0, 7]));
    const after = await refusals();
    const grew = (reason: string) =>
      (after[`sl651: ${reason}`] ?? 0) - (before[`sl651: ${reason}`] ?? 0);
    expect(grew('crc')).toBe(1);
    expect(grew('junk')).toBe(1);
    expect(grew('unknown station')).toBe(1);
    expect(grew('password')).toBe(1);
    expect(grew('element')).toBe(1);
    expect(client.socket.destroyed).toBe(false);
    client.socket.destroy();
  });

  it('gives up a frame cut off mid-way when the line goes quiet, and answers the next one', async () => {
    const river = await station('river');
    const before = await refusals();
    const client = await rtuClient();
    const frame = encodeFrame(hourly(river.code, 11));
    client.send(frame.subarray(0, 30));
    await until(async () => {
      const now = await refusals();
      return (now['sl651: truncated'] ?? 0) > (before['sl651: truncated'] ?? 0);
    }, 'the cut frame to be given up');
    client.send(frame);
    await until(() => client.answers().length === 1, 'the answer');
    client.socket.destroy();
  });
});
