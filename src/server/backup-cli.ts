/**
 * `npm run backup -- <file>`: a consistent copy of the event log (EVENT_DB) while the gateway
 * runs. To restore: stop the gateway, put the copy in place of EVENT_DB (and remove its -wal and
 * -shm files), start it; open consoles notice the log went back and resync.
 */
import { resolve } from 'node:path';
import { backupLog } from './feed/backup-log.ts';

const [target] = process.argv.slice(2);
if (!target) {
  console.error(
    'usage: npm run backup -- <backup file>   (EVENT_DB says which log; default data/events.sqlite)',
  );
  process.exit(2);
}
const from = resolve(process.env.EVENT_DB ?? 'data/events.sqlite');
try {
  const made = await backupLog(from, resolve(target));
  process.stdout.write(
    `backed up ${from} to ${made.file}: ${made.events.toLocaleString('en')} events, up to seq ${made.lastSeq}, log ${made.logId ?? '(unnamed: made before logs had ids)'}\n`,
  );
} catch (e) {
  console.error(`backup failed: ${(e as Error).message}`);
  process.exit(1);
}
