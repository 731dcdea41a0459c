import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export interface CachedTile {
  body: Buffer;
  /** When it was fetched from upstream (ms since the epoch). */
  fetchedAt: number;
}

/**
 * Tiles on disk, bounded in bytes: the least recently used go first when a new tile would pass
 * the bound. The index is rebuilt from the folder at start (a restart keeps the cache), with
 * file times as the order of use.
 */
export class TileCache {
  private readonly used = new Map<string, { bytes: number; at: number }>();
  private total = 0;

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else {
          const s = statSync(p);
          this.used.set(relative(dir, p), { bytes: s.size, at: s.mtimeMs });
          this.total += s.size;
        }
      }
    };
    walk(dir);
    // Oldest first, as if used in that order.
    const sorted = [...this.used].sort((a, b) => a[1].at - b[1].at);
    this.used.clear();
    for (const [k, v] of sorted) this.used.set(k, v);
    this.evict();
  }

  get bytes(): number {
    return this.total;
  }

  get(key: string): CachedTile | null {
    const hit = this.used.get(key);
    if (!hit) return null;
    try {
      const body = readFileSync(join(this.dir, key));
      const fetchedAt = statSync(join(this.dir, key)).mtimeMs;
      // Most recently used last.
      this.used.delete(key);
      this.used.set(key, { ...hit, at: Date.now() });
      return { body, fetchedAt };
    } catch {
      this.forget(key);
      return null;
    }
  }

  put(key: string, body: Buffer): void {
    if (body.length > this.maxBytes) return;
    const path = join(this.dir, key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body);
    this.forget(key, false);
    this.used.set(key, { bytes: body.length, at: Date.now() });
    this.total += body.length;
    this.evict();
  }

  private evict(): void {
    for (const key of this.used.keys()) {
      if (this.total <= this.maxBytes) break;
      this.forget(key);
    }
  }

  private forget(key: string, unlink = true): void {
    const hit = this.used.get(key);
    if (!hit) return;
    this.used.delete(key);
    this.total -= hit.bytes;
    if (unlink) rmSync(join(this.dir, key), { force: true });
  }
}
