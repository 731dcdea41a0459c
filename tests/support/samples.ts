import type { Incident } from '../../src/shared/protocol/index.ts';

let serial = 0;

/** A valid Erqi incident for feed tests; each call gets a fresh id unless `patch` sets one. */
export function sampleIncident(patch: Partial<Incident> = {}): Incident {
  serial++;
  const now = new Date().toISOString();
  return {
    id: `T-${process.pid}-${serial}`,
    type: 'waterlogging',
    severity: 'II',
    status: 'reported',
    title: `京广路下穿隧道积水 ${serial}`,
    description: '',
    position: [113.65 + (serial % 20) * 0.003, 34.742],
    address: '京广路',
    countyCode: '410103',
    townshipCode: '410103012',
    villageCode: null,
    reportedAt: now,
    updatedAt: now,
    assignedTeamIds: [],
    source: 'ingest',
    exercise: true,
    sensitive: false,
    ...patch,
  };
}
