import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import type { FeedHub } from '../feed/feed-hub.ts';
import type { Rejections } from '../metrics.ts';
import { findJurisdictions } from './jurisdictions.ts';
import { loadScenario, type ScenarioData } from './scenario-store.ts';

/**
 * Notices new versions of the jurisdictions in the data directory (an import swapped a link)
 * and new jurisdictions (a new folder), and serves them without a restart. It reads each
 * manifest's `version` every `everyMs`: one small file per jurisdiction. A version that does not
 * load is logged and counted, and the one in force stays.
 */
export function watchDataDir(
  dataDir: string,
  /** SCENARIOS, when given: only those are served, so only those are watched. */
  wanted: readonly ScenarioId[] | undefined,
  scenarios: Map<ScenarioId, ScenarioData>,
  hub: FeedHub,
  rejections: Rejections,
  log: FastifyBaseLogger,
  /** 0: only when asked (`serve`). */
  everyMs: number,
  /** Told once a version is in force (the exercise follows it). */
  onServed: (id: ScenarioId) => void = () => undefined,
): { stop: () => void; serve: (id: ScenarioId) => Promise<void> } {
  let busy = false;
  const serve = async (id: ScenarioId) => {
    try {
      const data = loadScenario(dataDir, id);
      await hub.serve(id, data);
      scenarios.set(id, data);
      log.info(`data directory: ${id} version ${data.meta.version} is served`);
      onServed(id);
    } catch (e) {
      rejections.count('store', 'data version not loaded');
      log.error(e, `data directory: ${id} could not be loaded; the version in force stays`);
    }
  };
  const versionOf = (id: string): string | null => {
    try {
      return (
        (JSON.parse(readFileSync(join(dataDir, id, 'meta.json'), 'utf8')) as { version?: string })
          .version ?? null
      );
    } catch {
      return null;
    }
  };
  const check = async () => {
    const found = (() => {
      try {
        return findJurisdictions(dataDir, wanted).ids;
      } catch {
        return [];
      }
    })();
    for (const id of found) {
      const current = scenarios.get(id);
      if (current && versionOf(id) === current.meta.version) continue;
      await serve(id);
    }
  };
  const timer =
    everyMs > 0
      ? setInterval(() => {
          if (busy) return;
          busy = true;
          void check().finally(() => (busy = false));
        }, everyMs)
      : null;
  timer?.unref();
  return {
    stop: () => {
      if (timer) clearInterval(timer);
    },
    // An import through the gateway serves its version at once, not at the next look.
    serve,
  };
}
