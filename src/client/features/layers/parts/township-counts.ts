import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { FeatureCollection } from 'geojson';
import { useMemo } from 'react';
import type { AdminArea, LonLat } from '../../../../shared/protocol/index.ts';
import { rgba } from '../palette.ts';

/** Below this zoom, thousands of dots are noise: they are counted per township instead. */
export const POINT_ZOOM = 12.5;

export interface TownshipCount {
  code: string;
  name: string;
  position: LonLat;
  count: number;
}

/** How many of the items stand in each township, at the township's seat. */
export function countPerTownship(
  items: readonly { townshipCode: string }[],
  townships: FeatureCollection | null,
): TownshipCount[] {
  if (!townships) return [];
  const counts = new Map<string, number>();
  for (const m of items) counts.set(m.townshipCode, (counts.get(m.townshipCode) ?? 0) + 1);
  return townships.features.map((f) => {
    const a = f.properties as AdminArea;
    return { code: a.code, name: a.name, position: a.seat, count: counts.get(a.code) ?? 0 };
  });
}

export function useCountPerTownship(
  items: readonly { townshipCode: string }[],
  townships: FeatureCollection | null,
): TownshipCount[] {
  return useMemo(() => countPerTownship(items, townships), [items, townships]);
}

/** Township bubbles with the honest count of what they stand for. */
export function townshipCountLayers(
  scale: number,
  id: string,
  perTownship: readonly TownshipCount[],
  colour: string,
  visible: boolean,
  opacity: number,
): Layer[] {
  return [
    new ScatterplotLayer<TownshipCount>({
      id: `${id}-agg`,
      data: perTownship,
      visible,
      pickable: true,
      opacity: opacity * 0.6,
      radiusUnits: 'pixels',
      radiusScale: scale,
      getPosition: (d) => d.position,
      getRadius: (d) => (d.count === 0 ? 0 : 9 + Math.sqrt(d.count) * 1.1),
      getFillColor: rgba(colour, 170),
      getLineColor: [255, 255, 255, 200],
      stroked: true,
      lineWidthMinPixels: 1,
    }),
    new TextLayer<TownshipCount>({
      id: `${id}-agg-count`,
      data: perTownship.filter((d) => d.count > 0),
      visible,
      opacity,
      getPosition: (d) => d.position,
      getText: (d) => String(d.count),
      getSize: 14,
      sizeScale: scale,
      getColor: [8, 16, 28, 255],
      fontWeight: 700,
    }),
  ];
}
