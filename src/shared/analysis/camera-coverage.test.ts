import { destination } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { Camera, LonLat } from '../protocol/index.ts';
import { camerasCovering, sees } from './camera-coverage.ts';

const HERE: LonLat = [113.65, 34.75];

function camera(id: string, at: LonLat, bearing: number, fov = 60, rangeM = 200): Camera {
  return {
    id,
    name: id,
    site: 'road',
    position: at,
    bearing,
    fov,
    rangeM,
    streamUrl: '/streams/test/index.m3u8',
    countyCode: '410103',
    townshipCode: '410103001',
    online: true,
  };
}

/** The point `m` metres from `from` towards `bearing`. */
const away = (from: LonLat, m: number, bearing: number): LonLat =>
  destination(from, m, bearing, { units: 'meters' }).geometry.coordinates as LonLat;

describe('camera coverage', () => {
  it('sees what is in range and inside half the field of view either side of its bearing', () => {
    const c = camera('A', HERE, 90, 60, 200);
    expect(sees(c, away(HERE, 100, 90)).seen).toBe(true);
    expect(sees(c, away(HERE, 100, 119)).seen).toBe(true);
    expect(sees(c, away(HERE, 100, 122)).seen).toBe(false);
    expect(sees(c, away(HERE, 250, 90)).seen).toBe(false);
    expect(sees(c, away(HERE, 100, 270)).seen).toBe(false);
  });

  it('handles a field of view across north', () => {
    const c = camera('N', HERE, 350, 40);
    expect(sees(c, away(HERE, 50, 5)).seen).toBe(true);
    expect(sees(c, away(HERE, 50, 335)).seen).toBe(true);
    expect(sees(c, away(HERE, 50, 15)).seen).toBe(false);
  });

  it('lists the cameras covering a point nearest first, and covers a route by any of its points', () => {
    const incident = HERE;
    const near = camera('near', away(incident, 50, 270), 90); // looks east at it from 50 m west
    const far = camera('far', away(incident, 150, 0), 180); // looks south at it from 150 m north
    const wrongWay = camera('wrong', away(incident, 30, 180), 180); // 30 m south, looks away
    const tooFar = camera('tooFar', away(incident, 400, 90), 270, 60, 200);
    const offline = { ...camera('offline', away(incident, 20, 90), 270), online: false };
    const all = [far, wrongWay, near, tooFar, offline];
    expect(camerasCovering(all, [incident], { onlineOnly: true }).map((v) => v.camera.id)).toEqual([
      'near',
      'far',
    ]);
    expect(camerasCovering(all, [incident]).map((v) => v.camera.id)).toEqual([
      'offline',
      'near',
      'far',
    ]);
    // A route passing 50 m in front of tooFar is seen by it.
    const route = [incident, away(incident, 350, 90)];
    expect(camerasCovering(all, route, { onlineOnly: true }).map((v) => v.camera.id)).toContain(
      'tooFar',
    );
  });
});
