/**
 * A gateway in its own process, for crash tests: it opens the event log at argv[2], publishes
 * incidents as fast as it can and prints each acknowledged seq on stdout, until it is killed.
 */
import { createGateway } from '../../src/server/app.ts';
import { ROOT } from './gateway.ts';
import { sampleIncident } from './samples.ts';

const path = process.argv[2] ?? ':memory:';
const gateway = await createGateway({
  dataDir: `${ROOT}fixtures`,
  eventLog: path,
  simulator: null,
  scenarios: ['erqi'],
});
process.stdout.write('ready\n');
for (let i = 1; ; i++) {
  const r = await gateway.hub.publish(
    'erqi',
    'incident:open',
    sampleIncident({ id: `CRASH-${i}` }),
  );
  if (!r.ok) throw new Error(r.error);
  process.stdout.write(`ack ${r.event.seq} CRASH-${i}\n`);
  // Yield so the pipe is flushed and the parent can kill us mid-stream.
  if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
