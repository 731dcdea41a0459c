import { describe, expect, it } from 'vitest';
import { camerasCovering } from '../../src/shared/analysis/camera-coverage.ts';
import type { Camera } from '../../src/shared/protocol/index.ts';
import { openApp } from '../support/app-page.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { sampleIncident } from '../support/samples.ts';
import { shotPath } from '../support/screenshots.ts';

const suite = browserSuite(['erqi']);

describe('cameras for an incident', () => {
  it('lists the cameras that see the incident, nearest first, and really plays the chosen stream', async () => {
    const cameras = (
      suite.gateway.scenarios.get('erqi')?.collections.get('cameras') as unknown as {
        entities: Camera[];
      }
    ).entities;
    // An incident right in front of an online camera, 40 m along its bearing.
    const camera = cameras.find((c) => c.online && c.rangeM > 100 && c.fov < 180);
    if (!camera) throw new Error('no online camera in the sample');
    const rad = (camera.bearing * Math.PI) / 180;
    const position: [number, number] = [
      camera.position[0] +
        (40 * Math.sin(rad)) / (111_320 * Math.cos((camera.position[1] * Math.PI) / 180)),
      camera.position[1] + (40 * Math.cos(rad)) / 110_574,
    ];
    const incident = sampleIncident({ position, status: 'closed' });
    await suite.gateway.hub.publish('erqi', 'incident:open', incident);
    const expected = camerasCovering(cameras, [position]).map((v) => v.camera.name);
    expect(expected).toContain(camera.name);

    const { page } = await openApp(
      suite.browser.browser,
      suite.base,
      `/?s=erqi&l=incidents,cameras&m=none&c=${position[0]},${position[1]},16&sel=incidents:${incident.id}`,
    );
    try {
      const list = page.getByTestId('camera-list');
      await list.locator('li').first().waitFor({ timeout: 15_000 });
      const names = await list.locator('li .name').allTextContents();
      expect(names).toEqual(expected.slice(0, 8));
      await list.locator('li button', { hasText: camera.name }).click();
      const video = page.locator('[data-testid="video-panel"] video');
      await video.waitFor();
      // Playing for real: time advances and frames have a size.
      await page.waitForFunction(
        'document.querySelector(\'[data-testid="video-panel"] video\')?.currentTime > 1.5',
        null,
        { timeout: 20_000 },
      );
      const state = await video.evaluate((v: { videoWidth: number; paused: boolean }) => ({
        width: v.videoWidth,
        paused: v.paused,
      }));
      expect(state).toEqual({ width: 640, paused: false });
      await page.screenshot({ path: shotPath('console-erqi-camera-video') });
    } finally {
      await page.close();
    }
  });
});
