import { createHash, randomBytes } from 'node:crypto';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { jsonLines } from '../../shared/json-lines.ts';
import { ScenarioMeta, type CollectionId } from '../../shared/protocol/index.ts';

/**
 * A jurisdiction's versions: each import writes a complete new folder under
 * `DATA_DIR/.versions/<id>/<version>/`, and `DATA_DIR/<id>` is a link to the version in force.
 * Making a version live is one rename of that link (atomic on POSIX): a reader sees the old
 * version or the new one, never half of each; an import killed at any point before the rename
 * changes nothing (its unfinished folder has no manifest.json and is never linked). Earlier
 * versions stay, restorable.
 */
export class JurisdictionVersions {
  private readonly root: string;

  constructor(
    private readonly dataDir: string,
    private readonly id: string,
  ) {
    this.root = join(dataDir, '.versions', id);
  }

  /** The folder of the version in force. */
  get current(): string {
    return join(this.dataDir, this.id);
  }

  meta(): ScenarioMeta {
    return ScenarioMeta.parse(JSON.parse(readFileSync(join(this.current, 'meta.json'), 'utf8')));
  }

  /** A collection of the version in force (empty if it has no file). */
  collection(id: CollectionId): unknown[] {
    const path = join(this.current, `${id}.json`);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown[]) : [];
  }

  /** Versions kept, oldest first. */
  list(): string[] {
    return existsSync(this.root)
      ? readdirSync(this.root)
          .filter((v) => existsSync(join(this.root, v, 'manifest.json')))
          .sort()
      : [];
  }

  /**
   * Writes a new version — the current files with `collections` replaced and the manifest's
   * version and counts updated — and makes it the one in force. Returns its name.
   */
  write(
    collections: ReadonlyMap<CollectionId | 'road-nodes', readonly unknown[]>,
    note: object,
    /** Manifest fields the import changes (new boundaries: the box and the sources). */
    patch: Partial<Pick<ScenarioMeta, 'bbox' | 'sources'>> = {},
  ): string {
    const meta = this.meta();
    const version = newVersionName();
    const dir = join(this.root, version);
    mkdirSync(dir, { recursive: true });
    const hashes: Record<string, string> = {};
    const put = (name: string, bytes: Uint8Array) => {
      writeFileSync(join(dir, name), bytes);
      hashes[name] = sha256(bytes);
    };
    const replaced = new Set([...collections.keys()].map((c) => `${c}.json`));
    for (const name of readdirSync(this.current)) {
      if (name === 'manifest.json' || name === 'meta.json' || replaced.has(name)) continue;
      copyFileSync(join(this.current, name), join(dir, name));
      hashes[name] = sha256(readFileSync(join(dir, name)));
    }
    const counts = { ...meta.counts };
    for (const [id, items] of collections) {
      put(`${id}.json`, new TextEncoder().encode(jsonLines(items)));
      counts[id] = items.length;
    }
    put(
      'meta.json',
      new TextEncoder().encode(
        `${JSON.stringify({ ...meta, ...patch, version, counts }, null, 2)}\n`,
      ),
    );
    // Last: its presence says the version is complete.
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify({ files: hashes }, null, 2)}\n`);
    holdForFaultTest();
    this.makeCurrent(version);
    appendFileSync(
      join(this.root, 'imports.jsonl'),
      `${JSON.stringify({ at: new Date().toISOString(), version, previous: meta.version, ...note })}\n`,
    );
    return version;
  }

  /**
   * Writes the first version of a new jurisdiction from its files (meta.json among them, its
   * `version` set here) and makes it the one in force. Refuses an id that exists.
   */
  create(files: ReadonlyMap<string, Uint8Array>, meta: ScenarioMeta, note: object): string {
    if (existsSync(this.current))
      throw new Error(`${this.id} exists already: import into it instead`);
    const version = newVersionName();
    const dir = join(this.root, version);
    mkdirSync(dir, { recursive: true });
    const hashes: Record<string, string> = {};
    const all = new Map(files);
    all.set(
      'meta.json',
      new TextEncoder().encode(`${JSON.stringify({ ...meta, version }, null, 2)}\n`),
    );
    for (const [name, bytes] of all) {
      writeFileSync(join(dir, name), bytes);
      hashes[name] = sha256(bytes);
    }
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify({ files: hashes }, null, 2)}\n`);
    this.makeCurrent(version);
    appendFileSync(
      join(this.root, 'imports.jsonl'),
      `${JSON.stringify({ at: new Date().toISOString(), version, previous: null, ...note })}\n`,
    );
    return version;
  }

  /** Makes a kept version the one in force again. */
  restore(version: string): void {
    if (!this.list().includes(version))
      throw new Error(
        `no complete version "${version}" of ${this.id}; kept: ${this.list().join(', ') || 'none'}`,
      );
    this.makeCurrent(version);
  }

  private makeCurrent(version: string): void {
    const link = this.current;
    const target = relative(this.dataDir, join(this.root, version));
    if (existsSync(link) && !lstatSync(link).isSymbolicLink()) {
      // The first import into a folder written in place (as `npm run fixtures` does): the folder
      // becomes the first kept version. Between these two renames the id is briefly absent.
      const first = `${this.meta().version}-original`;
      renameSync(link, join(this.root, first));
    }
    const temp = `${link}.swap-${randomBytes(3).toString('hex')}`;
    symlinkSync(target, temp);
    renameSync(temp, link);
  }

  /** What `readlink` says the version in force is (null before the first import). */
  inForce(): string | null {
    return existsSync(this.current) && lstatSync(this.current).isSymbolicLink()
      ? (readlinkSync(this.current).split('/').pop() ?? null)
      : null;
  }

  /**
   * Removes unfinished versions left by killed imports (no manifest.json) once they are an hour
   * old: a younger one may be another import still writing (the CLI beside the console's).
   */
  sweep(): void {
    if (!existsSync(this.root)) return;
    const hourAgo = Date.now() - 3_600_000;
    for (const v of readdirSync(this.root)) {
      const dir = join(this.root, v);
      if (v === 'imports.jsonl' || existsSync(join(dir, 'manifest.json'))) continue;
      if (statSync(dir).mtimeMs < hourAgo) rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * Fault injection for the kill test (tests/gateway/import.test.ts): IMPORT_HOLD_BEFORE_SWAP_MS
 * holds a finished version this long before it is made current, so the test can kill the
 * process at the worst moment. Unset in production: no wait.
 */
function holdForFaultTest(): void {
  const ms = Number(process.env.IMPORT_HOLD_BEFORE_SWAP_MS ?? 0);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A version's name: when it was written (UTC, to the second) and 6 random hex digits. */
function newVersionName(): string {
  return `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
