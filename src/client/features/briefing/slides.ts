import { z } from 'zod';
import type { ScenarioId } from '../../../shared/protocol/index.ts';

/** A saved scene: the console's link (camera, layers, filters, selection) with a title and notes. */
export const Slide = z.object({
  title: z.string().max(200),
  notes: z.string().max(4000),
  view: z.string().max(4000),
});
export type Slide = z.infer<typeof Slide>;

const key = (scenario: ScenarioId) => `onemap-briefing-${scenario}`;

/** The scenario's deck as saved in this browser; a damaged one is ignored, not half-read. */
export function loadSlides(scenario: ScenarioId): Slide[] {
  try {
    const r = z.array(Slide).safeParse(JSON.parse(localStorage.getItem(key(scenario)) ?? '[]'));
    return r.success ? r.data : [];
  } catch {
    return [];
  }
}

export function saveSlides(scenario: ScenarioId, slides: readonly Slide[]): void {
  localStorage.setItem(key(scenario), JSON.stringify(slides));
}
