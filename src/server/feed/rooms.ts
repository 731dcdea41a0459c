import type { Audience, ScenarioId } from '../../shared/protocol/index.ts';

/** The socket.io room of a scenario's feed for one audience (each is sent its own shape). */
export const feedRoom = (scenario: ScenarioId, audience: Audience): string =>
  audience === 'full' ? `scenario:${scenario}` : `scenario:${scenario}:public`;

export const AUDIENCES: readonly Audience[] = ['full', 'public'];
