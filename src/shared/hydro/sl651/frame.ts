import { concat, crc16, fromHex, toHex } from './bytes.ts';

/**
 * SL 651-2014 frames in HEX/BCD encoding (报文帧结构):
 *
 *   7E 7E | centre 1 | station 5 (BCD) | password 2 | function 1 | flag+length 2 | STX 02
 *         | body (length bytes) | end 1 | CRC 2
 *
 * Downlink frames (centre → station) carry the station address before the centre's. The flag is
 * the top 4 bits of the length field (0000 up, 1000 down), the length the low 12 (the body's
 * bytes). A multi-packet message starts its body with SYN 16 instead of STX and 3 bytes of
 * packet count and number (12 bits each). The CRC covers everything from the first 7E to the end
 * character and is sent high byte first.
 */
export const START = 0x7e;
export const STX = 0x02;
export const SYN = 0x16;

/** End characters (报文结束符) and what they ask of the other side. */
export const End = {
  /** The message ends, nothing follows. */
  ETX: 0x03,
  /** A block ends, more follow. */
  ETB: 0x17,
  /** Asks for an answer. */
  ENQ: 0x05,
  /** Transmission over, the line may drop. */
  EOT: 0x04,
  ACK: 0x06,
  NAK: 0x15,
  /** Transmission over, the station stays online. */
  ESC: 0x1b,
} as const;
const ENDS = new Set<number>(Object.values(End));

/** Bytes before the body: 7E7E, addresses, password, function, length, STX. */
export const HEAD_BYTES = 14;
/** Bytes after the body: end character and CRC. */
export const TAIL_BYTES = 3;
/** The length field has 12 bits. */
export const MAX_BODY = 0xfff;

export interface Frame {
  direction: 'up' | 'down';
  /** Centre station address (中心站地址), 1–255. */
  centre: number;
  /**
   * Telemetry station address (遥测站地址): 10 hex digits as sent. A hydrology station's is BCD
   * (00 and its 8-digit code); other stations put a binary number in the last two bytes, so the
   * address is kept as it came, not read as BCD.
   */
  station: string;
  /** Password (密码), the two bytes as a number. */
  password: number;
  /** Function code (功能码). */
  fn: number;
  body: Uint8Array;
  end: number;
  /** A packet of a multi-packet message (SYN): how many and which, from 1. */
  packet?: { total: number; seq: number };
}

/** Why a frame was refused: a closed set, each counted. */
export type FrameRefusal =
  | 'junk'
  | 'flag'
  | 'start-of-text'
  | 'end'
  | 'crc'
  | 'truncated'
  | 'length';

export type FrameResult =
  | { ok: true; frame: Frame; bytes: number }
  | { ok: false; reason: FrameRefusal; detail: string; bytes: number };

/**
 * One frame from the start of `bytes` (exactly one frame's bytes, as the splitter cuts them).
 * `bytes` in the answer: how many this frame took.
 */
export function decodeFrame(bytes: Uint8Array): FrameResult {
  const refuse = (reason: FrameRefusal, detail: string): FrameResult => ({
    ok: false,
    reason,
    detail,
    bytes: bytes.length,
  });
  if (bytes.length < HEAD_BYTES + TAIL_BYTES) return refuse('truncated', `${bytes.length} bytes`);
  if (bytes[0] !== START || bytes[1] !== START) return refuse('junk', 'no 7E7E at the start');
  const field = ((bytes[11] ?? 0) << 8) | (bytes[12] ?? 0);
  const flag = field >> 12;
  if (flag !== 0 && flag !== 8) return refuse('flag', `up/down flag ${flag.toString(2)}`);
  const length = field & MAX_BODY;
  const total = HEAD_BYTES + length + TAIL_BYTES;
  if (bytes.length < total) return refuse('truncated', `${bytes.length} of ${total} bytes`);
  const crcAt = total - 2;
  const sent = ((bytes[crcAt] ?? 0) << 8) | (bytes[crcAt + 1] ?? 0);
  const computed = crc16(bytes, 0, crcAt);
  if (sent !== computed)
    return refuse('crc', `CRC ${hex4(sent)}, the frame's bytes give ${hex4(computed)}`);
  const up = flag === 0;
  const stationAt = up ? 3 : 2;
  const station = toHex(bytes.subarray(stationAt, stationAt + 5));
  const start = bytes[13];
  let bodyFrom = HEAD_BYTES;
  let packet: Frame['packet'];
  if (start === SYN) {
    if (length < 3) return refuse('length', 'multi-packet body shorter than its packet numbers');
    const p = ((bytes[14] ?? 0) << 16) | ((bytes[15] ?? 0) << 8) | (bytes[16] ?? 0);
    packet = { total: p >> 12, seq: p & 0xfff };
    bodyFrom += 3;
  } else if (start !== STX) return refuse('start-of-text', `start of text ${hex2(start ?? 0)}`);
  const end = bytes[HEAD_BYTES + length] ?? 0;
  if (!ENDS.has(end)) return refuse('end', `end character ${hex2(end)}`);
  const frame: Frame = {
    direction: up ? 'up' : 'down',
    centre: bytes[up ? 2 : 7] ?? 0,
    station,
    password: ((bytes[8] ?? 0) << 8) | (bytes[9] ?? 0),
    fn: bytes[10] ?? 0,
    body: bytes.slice(bodyFrom, HEAD_BYTES + length),
    end,
    ...(packet ? { packet } : {}),
  };
  return { ok: true, frame, bytes: total };
}

/** The bytes of a frame, CRC included. */
export function encodeFrame(frame: Frame): Uint8Array {
  const up = frame.direction === 'up';
  const station = fromHex(frame.station.padStart(10, '0'));
  if (station?.length !== 5)
    throw new Error(`station address ${frame.station} is not 10 hex digits`);
  const packet = frame.packet
    ? concat(
        (frame.packet.total >> 4) & 0xff,
        ((frame.packet.total & 0x0f) << 4) | ((frame.packet.seq >> 8) & 0x0f),
        frame.packet.seq & 0xff,
      )
    : new Uint8Array(0);
  const length = packet.length + frame.body.length;
  if (length > MAX_BODY) throw new Error(`body of ${length} bytes, the length field holds 4095`);
  const field = (up ? 0 : 0x8000) | length;
  const head = concat(
    START,
    START,
    ...(up ? [frame.centre, station] : [station, frame.centre]),
    (frame.password >> 8) & 0xff,
    frame.password & 0xff,
    frame.fn,
    field >> 8,
    field & 0xff,
    frame.packet ? SYN : STX,
    packet,
    frame.body,
    frame.end,
  );
  const crc = crc16(head);
  return concat(head, crc >> 8, crc & 0xff);
}

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
