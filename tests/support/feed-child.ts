/**
 * A gateway in its own process, for crash tests: it opens the event log at argv[2], publishes
 * incidents as fast as it can and prints each acknowledged seq on stdout, until it is killed.
 */
import { createGateway } from '../../src/server/app.ts';
import type { Incident } from '../../src/shared/protocol/index.ts';
import { ROOT } from './gateway.ts';

const path = process.argv[2] ?? ':memory:';
const gateway = await createGateway({
  fixturesDir: `${ROOT}fixtures`,
  eventLog: path,
  simulator: null,
  scenarios: ['erqi'],
});
const base: Omit<Incident, 'id'> = {
  type: 'waterlogging',
  severity: 'III',
  status: 'reported',
  title: '崩溃测试',
  description: '',
  position: [113.65, 34.74],
  address: '',
  countyCode: '410103',
  townshipCode: '410103001',
  villageCode: null,
  reportedAt: '2026-07-20T08:00:00+08:00',
  updatedAt: '2026-07-20T08:00:00+08:00',
  assignedTeamIds: [],
  source: 'ingest',
  exercise: true,
  sensitive: false,
};
process.stdout.write('ready\n');
for (let i = 1; ; i++) {
  const r = gateway.hub.publish('erqi', 'incident:open', { ...base, id: `CRASH-${i}` });
  if (!r.ok) throw new Error(r.error);
  process.stdout.write(`ack ${r.event.seq} CRASH-${i}\n`);
  // Yield so the pipe is flushed and the parent can kill us mid-stream.
  if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
