import { describe, expect, it } from 'vitest';
import { bcdDigits, concat, crc16, fromHex, toBcd, toHex } from './bytes.ts';
import { decodeFrame, encodeFrame, End, type Frame } from './frame.ts';
import { FrameSplitter } from './splitter.ts';

const frame = (patch: Partial<Frame> = {}): Frame => ({
  direction: 'up',
  centre: 0x01,
  station: '0012345678',
  password: 0x1234,
  fn: 0x32,
  body: Uint8Array.from([0x00, 0x01, 0x26, 0x12, 0x02, 0x08, 0x00, 0x00]),
  end: End.ETX,
  ...patch,
});

describe('SL 651 bytes', () => {
  it('computes the Modbus CRC-16 the standard uses (check value of "123456789" is 4B37)', () => {
    expect(crc16(new TextEncoder().encode('123456789')).toString(16)).toBe('4b37');
  });

  it('packs and unpacks BCD, and refuses a nibble that is not a digit', () => {
    expect(toHex(toBcd('0012345678'))).toBe('0012345678');
    expect(toHex(toBcd('123'))).toBe('0123');
    expect(bcdDigits(Uint8Array.from([0x26, 0x12, 0x02]))).toBe('261202');
    expect(bcdDigits(Uint8Array.from([0x2a]))).toBeNull();
  });
});

describe('SL 651 frames', () => {
  it('lays an uplink frame out byte by byte as the standard does', () => {
    const bytes = encodeFrame(frame());
    const body = '0001261202080000';
    // start, centre, station, password, function, flag + length, STX, body, ETX
    const head = ['7E7E', '01', '0012345678', '1234', '32', '0008', '02', body, '03'].join('');
    expect(toHex(bytes).slice(0, head.length)).toBe(head);
    // CRC over everything before it, high byte first.
    const crc = crc16(bytes, 0, bytes.length - 2);
    expect(bytes[bytes.length - 2]).toBe(crc >> 8);
    expect(bytes[bytes.length - 1]).toBe(crc & 0xff);
  });

  it('puts the station first on a downlink frame and sets the flag', () => {
    const bytes = encodeFrame(frame({ direction: 'down', end: End.EOT }));
    expect(toHex(bytes).slice(0, 28)).toBe('7E7E00123456780112343280080' + '2');
    const back = decodeFrame(bytes);
    expect(back.ok && back.frame).toMatchObject({
      direction: 'down',
      station: '0012345678',
      centre: 1,
    });
  });

  it('round-trips frames, multi-packet ones included', () => {
    for (const f of [frame(), frame({ packet: { total: 300, seq: 17 }, end: End.ETB })]) {
      const back = decodeFrame(encodeFrame(f));
      expect(back).toMatchObject({ ok: true });
      if (back.ok)
        expect({ ...back.frame, body: toHex(back.frame.body) }).toEqual({
          ...f,
          body: toHex(f.body),
        });
    }
  });

  it('refuses a wrong CRC, a bad flag, an unknown start of text or end and a short frame, saying why', () => {
    const good = encodeFrame(frame());
    const crc = good.slice();
    crc[crc.length - 1] = (crc[crc.length - 1] ?? 0) ^ 0xff;
    expect(decodeFrame(crc)).toMatchObject({ ok: false, reason: 'crc' });
    const resign = (bytes: Uint8Array) => {
      const c = crc16(bytes, 0, bytes.length - 2);
      bytes[bytes.length - 2] = c >> 8;
      bytes[bytes.length - 1] = c & 0xff;
      return bytes;
    };
    const flag = good.slice();
    flag[11] = 0x40;
    expect(decodeFrame(resign(flag))).toMatchObject({ ok: false, reason: 'flag' });
    const end = good.slice();
    end[end.length - 3] = 0x09;
    expect(decodeFrame(resign(end))).toMatchObject({ ok: false, reason: 'end' });
    const stx = good.slice();
    stx[13] = 0x01;
    expect(decodeFrame(resign(stx))).toMatchObject({ ok: false, reason: 'start-of-text' });
    expect(decodeFrame(good.subarray(0, 20))).toMatchObject({ ok: false, reason: 'truncated' });
  });
});

describe('SL 651 stream splitter', () => {
  const a = encodeFrame(frame());
  const b = encodeFrame(frame({ fn: 0x34, station: '0087654321' }));

  it('finds frames sent byte by byte, and several in one chunk', () => {
    const splitter = new FrameSplitter();
    const got = [...concat(a, b)].flatMap((byte) => splitter.push(Uint8Array.of(byte)));
    expect(got.map((r) => r.ok && r.frame.station)).toEqual(['0012345678', '0087654321']);
    expect(new FrameSplitter().push(concat(a, b, a)).filter((r) => r.ok)).toHaveLength(3);
  });

  it('skips junk before a frame and reports it once', () => {
    const got = new FrameSplitter().push(concat(fromHex('DEADBEEF7E') ?? new Uint8Array(), a));
    expect(got.map((r) => (r.ok ? 'frame' : r.reason))).toEqual(['junk', 'frame']);
  });

  it('finds a frame behind a truncated one, and refuses the truncated one', () => {
    const splitter = new FrameSplitter();
    const got = splitter.push(concat(a.subarray(0, 20), b, b));
    // The cut frame swallows bytes of the next until its CRC fails; then the search goes on.
    expect(got.some((r) => !r.ok && r.reason === 'crc')).toBe(true);
    expect(got.flatMap((r) => (r.ok ? [r.frame.station] : []))).toEqual([
      '0087654321',
      '0087654321',
    ]);
  });

  it('gives up an unfinished frame when asked (line quiet or closed)', () => {
    const splitter = new FrameSplitter();
    expect(splitter.push(a.subarray(0, 18))).toEqual([]);
    expect(splitter.pending).toBe(18);
    expect(splitter.flush()).toMatchObject({ ok: false, reason: 'truncated' });
    expect(splitter.pending).toBe(0);
  });
});
