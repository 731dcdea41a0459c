import type { CheckIn } from '../protocol/index.ts';

/** A check-in for tests: `code` at shelter `place` (the scan's id follows from both). */
export function testCheckin(code: string, place: string, village = '410103001001'): CheckIn {
  return {
    code,
    village,
    kind: 'shelter',
    place,
    placeName: place,
    at: '2026-07-20T08:00:00+08:00',
    scan: `scan-${code}-${place}`,
    by: place,
  };
}
