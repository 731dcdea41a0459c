import { connect, type Socket } from 'node:net';
import { concat, toBcd } from '../../src/shared/hydro/sl651/bytes.ts';
import { decodeFrame, End, type Frame } from '../../src/shared/hydro/sl651/frame.ts';

/** Beijing time `minutes` before the last full 5 minutes, as YYMMDDHHmm (and its ISO form). */
export function beijing(minutes: number): { digits: string; iso: string } {
  const t = Math.floor(Date.now() / 300_000) * 300_000 - minutes * 60_000;
  const local = new Date(t + 8 * 3_600_000).toISOString();
  const digits = local.slice(2, 16).replace(/[-T:]/g, '');
  return { digits, iso: `${local.slice(0, 16)}:00+08:00` };
}

/**
 * An hourly report (34H) of one station, built byte by byte: twelve 5-minute rain amounts
 * (0.1 mm each, 255 = no value) from the hour's start and a water level (mm, 4 BCD bytes: metres to 3 decimals).
 */
export function hourlyReport(
  code: string,
  serial: number,
  o: { amounts?: readonly number[]; levelMm?: number; patch?: Partial<Frame>; end?: number } = {},
): Frame {
  const now = beijing(o.end ?? 0);
  const start = beijing((o.end ?? 0) + 55);
  const amounts = o.amounts ?? [0, 12, 35, 80, 255, 120, 64, 30, 10, 0, 0, 5];
  const body = concat(
    serial >> 8,
    serial & 0xff,
    toBcd(`${now.digits}05`),
    0xf1,
    0xf1,
    toBcd(`00${code}`),
    0x48,
    0xf0,
    0xf0,
    toBcd(start.digits),
    0xf4,
    0x60,
    Uint8Array.from(amounts),
    0xf0,
    0xf0,
    toBcd(now.digits),
    0x39,
    0x23,
    toBcd(String(o.levelMm ?? 107450).padStart(8, '0')),
  );
  return {
    direction: 'up',
    centre: 1,
    station: `00${code}`,
    password: 0x1234,
    fn: 0x34,
    body,
    end: End.ETX,
    ...o.patch,
  };
}

/** A TCP connection to an SL 651 listener that collects what it answers. */
export async function rtu(port: number | null): Promise<{
  socket: Socket;
  answers: () => Frame[];
  send: (b: Uint8Array) => void;
}> {
  if (port === null) throw new Error('no SL 651 listener');
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let received: Uint8Array = new Uint8Array(0);
  socket.on('data', (chunk: Buffer) => (received = concat(received, new Uint8Array(chunk))));
  return {
    socket,
    send: (b) => socket.write(b),
    answers: () => {
      const out: Frame[] = [];
      for (let at = 0; at < received.length; ) {
        const r = decodeFrame(received.subarray(at));
        if (!r.ok) break;
        out.push(r.frame);
        at += r.bytes;
      }
      return out;
    },
  };
}

/** Polls until `ok` (every 50 ms, 5 s at most). */
export async function until(ok: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
