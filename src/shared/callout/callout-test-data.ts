import type { Callout, ResponsiblePerson, ResponsibleRole } from '../protocol/index.ts';

/** A small roster: one county, two townships, two villages in the first (test data). */
export function testRoster(): ResponsiblePerson[] {
  const p = (id: string, role: ResponsibleRole, area: string): ResponsiblePerson => ({
    id,
    name: `人${id}`,
    phone: `100${id.padStart(8, '0')}`,
    role,
    areaCode: area,
    areaName: `区${area}`,
    countyCode: area.slice(0, 6),
    ...(area.length > 6 ? { townshipCode: area.slice(0, 9) } : {}),
    position: [114, 34.8],
  });
  return [
    p('1', 'county-chief', '410202'),
    p('2', 'county-duty', '410202'),
    p('3', 'township-chief', '410202001'),
    p('4', 'township-deputy', '410202001'),
    p('5', 'township-chief', '410202002'),
    p('6', 'village-head', '410202001001'),
    p('7', 'grid-head', '410202001001'),
    p('8', 'village-head', '410202001002'),
    p('9', 'grid-head', '410202001002'),
  ];
}

/** A callout opened at `openedAt` (ms), calling, with the given rounds made. */
export function testCallout(over: Partial<Callout> & { id: string }): Callout {
  return {
    trigger: 'warning',
    ref: 'w1',
    headline: '暴雨红色预警',
    level: 'red',
    person: '6',
    name: '人6',
    phone: '10000000006',
    role: 'village-head',
    tier: 'village',
    areaCode: '410202001001',
    areaName: '甲村',
    countyCode: '410202',
    townshipCode: '410202001',
    position: [114, 34.8],
    villages: 1,
    reason: '',
    status: 'calling',
    attempts: 1,
    openedAt: '2026-07-20T08:00:00.000Z',
    lastCallAt: '2026-07-20T08:00:00.000Z',
    dueAt: '2026-07-20T08:05:00.000Z',
    escalatedTo: [],
    ...over,
  };
}
