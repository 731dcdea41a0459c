import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScenarioMeta } from '../../src/shared/protocol/index.ts';
import { ROOT } from './gateway.ts';

export const DEMO = {
  id: 'zhongmu-demo',
  name: '中牟县（演示）',
  nameEn: 'Zhongmu County (demo)',
} as const;

/**
 * A data directory holding the generated Erqi sample and a second jurisdiction, `zhongmu-demo`:
 * a copy of Erqi's data under another id and name — a bureau's own data in the same shape, which
 * no line of code knows. Removed by `remove`.
 */
export function demoDataDir(): { dir: string; remove: () => void } {
  const fixtures = join(ROOT, 'fixtures');
  const dir = mkdtempSync(join(tmpdir(), 'onemap-data-'));
  symlinkSync(join(fixtures, 'erqi'), join(dir, 'erqi'));
  // The sample assets (offline basemap, camera clips) beside the jurisdictions.
  symlinkSync(join(fixtures, 'basemap'), join(dir, 'basemap'));
  symlinkSync(join(fixtures, 'streams'), join(dir, 'streams'));
  cpSync(join(fixtures, 'erqi'), join(dir, DEMO.id), { recursive: true });
  const erqi = JSON.parse(
    readFileSync(join(fixtures, 'erqi', 'meta.json'), 'utf8'),
  ) as ScenarioMeta;
  writeFileSync(
    join(dir, DEMO.id, 'meta.json'),
    JSON.stringify({
      ...erqi,
      ...DEMO,
      version: 'demo-3',
      simulation: { incidentsPerHour: 3 },
    } satisfies ScenarioMeta),
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
