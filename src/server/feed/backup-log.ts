import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/** What a backup made: where, how many events it holds, and of which log. */
export interface BackupMade {
  file: string;
  events: number;
  lastSeq: number;
  logId: string | null;
}

/**
 * A consistent copy of the event log while the gateway goes on writing it: SQLite's online
 * backup (the copy is of one moment; pages written meanwhile are copied again), from a connection
 * of its own, read-only. The copy is a log like any other: restored (stop the gateway, put it in
 * place of EVENT_DB, start it), consoles see its id and seq and resync.
 */
export async function backupLog(from: string, to: string): Promise<BackupMade> {
  if (!existsSync(from)) throw new Error(`no event log at ${from}`);
  if (existsSync(to)) throw new Error(`${to} exists: name a new file for the backup`);
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
  const copy = new Database(to, { readonly: true });
  try {
    const range = copy.prepare('SELECT COUNT(*) AS n, MAX(seq) AS last FROM events').get() as {
      n: number;
      last: number | null;
    };
    const id = copy.prepare("SELECT value FROM log_meta WHERE key = 'log-id'").get() as
      | { value: string }
      | undefined;
    return { file: to, events: range.n, lastSeq: range.last ?? 0, logId: id?.value ?? null };
  } finally {
    copy.close();
  }
}
