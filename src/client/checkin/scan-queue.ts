import { z } from 'zod';
import { Scan, ScanOutcome } from '../../shared/protocol/index.ts';

/** Where the queue lives: localStorage on the phone, a map in tests. */
export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What a send came to: the gateway's answers, or no network (keep everything, try later). */
export type SendResult = { kind: 'answered'; results: ScanOutcome[] } | { kind: 'offline' };

const Saved = z.object({ pending: z.array(Scan), done: z.array(ScanOutcome) });

/** The scans a batch may carry (the gateway refuses more). */
const BATCH = 200;
/** Answers kept on screen. */
const SHOWN = 30;

/**
 * A door's scans, kept on the phone until the gateway has answered each (三断: the network may be
 * down for hours). Every scan has its own id, so sending one again after a lost answer is
 * harmless: the gateway answers it as the first time. The queue survives a reload.
 */
export class ScanQueue {
  private pending: Scan[];
  private done: ScanOutcome[];
  private sending = false;

  constructor(
    private readonly storage: QueueStorage,
    private readonly key: string,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    const saved = Saved.safeParse(safeJson(storage.getItem(key)));
    this.pending = saved.success ? saved.data.pending : [];
    this.done = saved.success ? saved.data.done : [];
  }

  /** Queues what was scanned or typed; returns the scan. */
  add(text: string, at = new Date()): Scan {
    const scan = { id: this.newId(), text: text.trim(), at: at.toISOString() };
    this.pending.push(scan);
    this.save();
    return scan;
  }

  get waiting(): readonly Scan[] {
    return this.pending;
  }

  /** The gateway's answers, newest first. */
  get answered(): readonly ScanOutcome[] {
    return this.done;
  }

  /**
   * Sends what waits, a batch at a time, until all is answered or the network fails. One send at
   * a time: a second call while one runs does nothing.
   */
  async flush(
    send: (scans: Scan[]) => Promise<SendResult>,
  ): Promise<{ status: 'sent' | 'offline' | 'busy'; results: ScanOutcome[] }> {
    if (this.sending) return { status: 'busy', results: [] };
    this.sending = true;
    const results: ScanOutcome[] = [];
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.slice(0, BATCH);
        const r = await send(batch);
        if (r.kind === 'offline') return { status: 'offline', results };
        results.push(...r.results);
        const answeredIds = new Set(r.results.map((x) => x.id));
        this.pending = this.pending.filter((s) => !answeredIds.has(s.id));
        this.done = [...r.results.slice().reverse(), ...this.done].slice(0, SHOWN);
        this.save();
        // A gateway that answered none of them would loop for ever: treat it as down.
        if (answeredIds.size === 0) return { status: 'offline', results };
      }
      return { status: 'sent', results };
    } finally {
      this.sending = false;
    }
  }

  private save(): void {
    try {
      this.storage.setItem(this.key, JSON.stringify({ pending: this.pending, done: this.done }));
    } catch {
      // A full or private-mode storage: the queue still holds them while the page stays open.
    }
  }
}

function safeJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
