import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Annotation } from '../../../shared/protocol/index.ts';
import { LOCAL_FONTS } from '../../map/fonts.ts';
import { annotationFeatures, PEN, type ShapeProps } from './annotation-shapes.ts';

const rgb = (hex: string): [number, number, number] => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
];

/** The drawings over the data (top of the stack: they are what the briefing is pointing at). */
export function annotationLayers(list: readonly Annotation[], scale: number): Layer[] {
  if (list.length === 0) return [];
  const texts = list.filter((a) => a.kind === 'text');
  return [
    new GeoJsonLayer<ShapeProps>({
      id: 'briefing-shapes',
      data: annotationFeatures(list),
      filled: true,
      stroked: true,
      getFillColor: (f) => [...rgb(PEN[f.properties.colour]), f.properties.fill],
      getLineColor: (f) => [...rgb(PEN[f.properties.colour]), 255],
      getLineWidth: 4 * scale,
      lineWidthUnits: 'pixels',
      lineCapRounded: true,
      lineJointRounded: true,
    }),
    new TextLayer<(typeof texts)[number]>({
      id: 'briefing-texts',
      data: texts,
      getPosition: (a) => a.at,
      getText: (a) => a.text,
      getColor: (a) => [...rgb(PEN[a.colour]), 255],
      getSize: 26 * scale,
      fontFamily: LOCAL_FONTS,
      fontWeight: 700,
      characterSet: 'auto',
      outlineWidth: 4,
      outlineColor: [15, 23, 42, 255],
      fontSettings: { sdf: true },
    }),
  ];
}
