import { describe, expect, it } from 'vitest';
import { Recommendations } from '../../src/shared/protocol/index.ts';
import { gatewaySuite } from '../support/gateway.ts';
import { sampleIncident } from '../support/samples.ts';
import { fetchSignedIn } from '../support/access.ts';

const suite = gatewaySuite(['erqi']);

describe('recommendations', () => {
  it('ranks available teams with the skills for the incident, explains each, and routes them to the scene', async () => {
    const incident = sampleIncident({ type: 'water_rescue' });
    await suite.gateway.hub.publish('erqi', 'incident:open', incident);
    const res = await fetchSignedIn(
      `${suite.base}/api/scenarios/erqi/incidents/${incident.id}/recommendations`,
    );
    expect(res.status).toBe(200);
    const body = Recommendations.parse(await res.json());
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.suggestions.length).toBeLessThanOrEqual(5);
    const teams = suite.gateway.hub.live.get('erqi')?.teams;
    const full = (s: (typeof body.suggestions)[number]) =>
      Object.keys(s.missing.items).length === 0 && s.missing.members === 0;
    for (const [i, s] of body.suggestions.entries()) {
      const team = teams?.get(s.teamId);
      expect(team?.status).toBe('available');
      expect(team?.skills).toContain('water_rescue');
      expect(s.route.coordinates[0]).toEqual(team?.position);
      expect(s.route.coordinates.at(-1)).toEqual(incident.position);
      expect(s.etaS).toBe(s.driveS + (s.pickup?.extraS ?? 0));
      const next = body.suggestions[i + 1];
      if (next && full(s) === full(next)) expect(s.etaS).toBeLessThanOrEqual(next.etaS);
    }
    const bad = await fetchSignedIn(
      `${suite.base}/api/scenarios/erqi/incidents/nope/recommendations`,
    );
    expect(bad.status).toBe(404);
    const badLimit = await fetchSignedIn(
      `${suite.base}/api/scenarios/erqi/incidents/${incident.id}/recommendations?limit=0`,
    );
    expect(badLimit.status).toBe(400);
  });
});
