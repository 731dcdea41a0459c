import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The worker's code. It is plain JavaScript evaluated by Node because a worker thread does not
 * inherit a TypeScript loader under every runner (vitest, tsx, node --import tsx).
 */
const CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    parentPort.postMessage({ error: e.message });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (!m.stop) return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

/**
 * Checkpoints an SQLite WAL into its database file from a worker thread. With SQLite's automatic
 * checkpoints, every few megabytes the writer (the gateway's event loop) stops to copy pages and
 * fsync — tens of milliseconds in which no event is sent. Here the copy and the fsync happen on
 * another thread, and PASSIVE never blocks the writer. The caller turns auto-checkpoints off.
 */
export class WalCheckpointer {
  private readonly worker: Worker;

  constructor(path: string, intervalMs = 1_000) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(CODE, { eval: true, workerData: { path, intervalMs, driver } });
    this.worker.unref();
  }

  /** A last checkpoint, then the thread ends. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.worker.once('message', () => resolve());
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ stop: true });
    });
    await this.worker.terminate();
  }
}
