import { decodeFrame, HEAD_BYTES, MAX_BODY, START, TAIL_BYTES, type FrameResult } from './frame.ts';

/**
 * Cuts a TCP byte stream into frames. A frame may arrive in pieces or several in one packet;
 * bytes before a 7E7E are skipped and reported once as junk; a frame whose CRC fails gives up
 * only its start marker, so a frame hiding behind a truncated one is still found. The buffer
 * never holds more than one frame's worth (the length field caps a frame at 4,112 bytes).
 */
export class FrameSplitter {
  private buffer = new Uint8Array(0);

  /** Bytes received: every frame (or refusal) now complete. */
  push(chunk: Uint8Array): FrameResult[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const out: FrameResult[] = [];
    let at = 0;
    for (;;) {
      const start = findStart(joined, at);
      if (start > at) {
        const skipped = start - at;
        out.push({
          ok: false,
          reason: 'junk',
          detail: `${skipped} bytes before 7E7E`,
          bytes: skipped,
        });
        at = start;
      }
      if (joined.length - at < HEAD_BYTES) break;
      const field = ((joined[at + 11] ?? 0) << 8) | (joined[at + 12] ?? 0);
      if (field >> 12 !== 0 && field >> 12 !== 8) {
        // Not a frame's header (the flag is 0000 or 1000): its length means nothing either.
        out.push({
          ok: false,
          reason: 'flag',
          detail: `up/down flag ${(field >> 12).toString(2)}`,
          bytes: 2,
        });
        at += 2;
        continue;
      }
      const length = field & MAX_BODY;
      const total = HEAD_BYTES + length + TAIL_BYTES;
      if (joined.length - at < total) break;
      const result = decodeFrame(joined.subarray(at, at + total));
      if (result.ok || result.reason !== 'crc') {
        out.push(result);
        at += total;
      } else {
        // Perhaps a shorter frame cut off by a longer one's start: look again past this marker.
        out.push({ ...result, bytes: 2 });
        at += 2;
      }
    }
    this.buffer = joined.slice(at);
    return out;
  }

  /** Bytes waiting for the rest of their frame. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Gives up the partial frame (the line went quiet or closed): a refusal, if there was one. */
  flush(): FrameResult | null {
    const left = this.buffer.length;
    this.buffer = new Uint8Array(0);
    return left === 0
      ? null
      : {
          ok: false,
          reason: 'truncated',
          detail: `${left} bytes of an unfinished frame`,
          bytes: left,
        };
  }
}

/**
 * Where the next 7E7E starts at or after `from`: the last two of a run of 7E (junk ending in 7E
 * before a frame), and a lone 7E at the very end (half a start marker, kept for the next chunk).
 */
function findStart(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i++) {
    if (bytes[i] !== START) continue;
    if (i + 1 === bytes.length) return i;
    if (bytes[i + 1] !== START) continue;
    while (bytes[i + 2] === START) i++;
    return i;
  }
  return bytes.length;
}
