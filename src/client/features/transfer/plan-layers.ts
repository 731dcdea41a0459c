import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, LineLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { LonLat, Shelter } from '../../../shared/protocol/index.ts';
import type { Hazard } from '../../../shared/transfer/hazard-area.ts';
import type { PlanJobResult } from '../../../shared/transfer/plan-job.ts';
import type { VillageProgress } from './plan-progress.tsx';

interface Flow {
  from: LonLat;
  to: LonLat;
  people: number;
  vulnerable: number;
}

/**
 * The hazard (deep water darker), the flows village → shelter (width by people; orange where
 * they carry vulnerable people), and the shelters used, filled to their share of night places.
 */
export function planLayers(
  hazard: Hazard | null,
  result: PlanJobResult | null,
  shelters: ReadonlyMap<string, Shelter>,
  scale: number,
): Layer[] {
  const layers: Layer[] = [];
  if (hazard)
    layers.push(
      new GeoJsonLayer({
        id: 'transfer-hazard',
        data: {
          type: 'FeatureCollection',
          features: hazard.zones.map((z) => ({
            type: 'Feature',
            properties: { depth: z.depth },
            geometry: z.geometry,
          })),
        },
        filled: true,
        stroked: true,
        getFillColor: (f: { properties: { depth: string } }) =>
          f.properties.depth === 'deep' ? [37, 99, 235, 110] : [96, 165, 250, 60],
        getLineColor: [147, 197, 253, 200],
        lineWidthMinPixels: 1,
      }),
    );
  if (!result) return layers;
  const seats = new Map(result.villages.map((v) => [v.code, v.seat]));
  const flows: Flow[] = [];
  const used = new Map<string, number>();
  for (const a of result.plan.assignments) {
    const from = seats.get(a.village);
    const to = shelters.get(a.shelter)?.position;
    if (!from || !to) continue;
    flows.push({ from, to, people: a.people, vulnerable: a.vulnerable });
    used.set(a.shelter, (used.get(a.shelter) ?? 0) + a.people);
  }
  layers.push(
    new LineLayer<Flow>({
      id: 'transfer-flows',
      data: flows,
      getSourcePosition: (f) => f.from,
      getTargetPosition: (f) => f.to,
      getColor: (f) => (f.vulnerable > 0 ? [251, 146, 60, 210] : [74, 222, 128, 190]),
      getWidth: (f) => Math.min(10, 1 + Math.sqrt(f.people) / 8),
      widthUnits: 'pixels',
      widthScale: scale,
    }),
    new ScatterplotLayer<[string, number]>({
      id: 'transfer-shelters',
      data: [...used],
      getPosition: ([id]) => shelters.get(id)?.position ?? [0, 0],
      getRadius: ([id, n]) => {
        const s = shelters.get(id);
        return 6 + 10 * Math.min(1, n / Math.max(1, (s?.capacityNight ?? 1) - (s?.occupancy ?? 0)));
      },
      radiusUnits: 'pixels',
      radiusScale: scale,
      getFillColor: [74, 222, 128, 230],
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthMinPixels: 1.5,
    }),
    new ScatterplotLayer<{ seat: LonLat; cut: boolean }>({
      id: 'transfer-villages',
      data: result.villages.map((v) => ({ seat: v.seat, cut: result.cutOff.includes(v.code) })),
      getPosition: (d) => d.seat,
      getRadius: 6,
      radiusUnits: 'pixels',
      radiusScale: scale,
      getFillColor: (d) => (d.cut ? [239, 68, 68, 255] : [250, 204, 21, 255]),
      getLineColor: [15, 23, 42, 255],
      stroked: true,
      lineWidthMinPixels: 1,
    }),
  );
  return layers;
}

/** Transfer status colours on the map: grey waiting, yellow under way, green done, red late. */
const STATUS_COLOUR: Record<string, [number, number, number, number]> = {
  planned: [148, 163, 184, 255],
  notified: [250, 204, 21, 255],
  moving: [251, 146, 60, 255],
  arrived: [74, 222, 128, 255],
  sheltered: [34, 197, 94, 255],
};

/** The plan in force: each village by status (late ones red), each township's % transferred. */
export function progressLayers(
  rows: readonly VillageProgress[],
  seats: (code: string) => LonLat | undefined,
  scale: number,
): Layer[] {
  const townships = new Map<string, { people: number; moved: number }>();
  for (const r of rows) {
    const t = townships.get(r.township) ?? { people: 0, moved: 0 };
    t.people += r.people;
    t.moved += r.moved;
    townships.set(r.township, t);
  }
  const labels = [...townships].flatMap(([code, t]) => {
    const at = seats(code);
    return at ? [{ at, text: `${Math.floor((t.moved / Math.max(1, t.people)) * 100)}%` }] : [];
  });
  return [
    new ScatterplotLayer<VillageProgress>({
      id: 'transfer-progress-villages',
      data: rows.filter((r) => seats(r.village)),
      getPosition: (r) => seats(r.village) ?? [0, 0],
      getRadius: (r) => (r.late ? 9 : 7),
      radiusUnits: 'pixels',
      radiusScale: scale,
      getFillColor: (r) =>
        r.late ? [239, 68, 68, 255] : (STATUS_COLOUR[r.status] ?? [0, 0, 0, 0]),
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthMinPixels: 1.5,
    }),
    new TextLayer<{ at: LonLat; text: string }>({
      id: 'transfer-progress-townships',
      data: labels,
      getPosition: (d) => d.at,
      getText: (d) => d.text,
      getSize: 22 * scale,
      getColor: [74, 222, 128, 255],
      outlineWidth: 4,
      outlineColor: [15, 23, 42, 255],
      fontSettings: { sdf: true },
      fontWeight: 700,
      getPixelOffset: [0, -24 * scale],
    }),
  ];
}
