import type { TFunction } from 'i18next';
import { createContext, useContext } from 'react';
import type { LayerChoice, LayerId } from '../state/view-state.ts';

/** One layer's key as printed: its name and a swatch per value it is coloured by. */
export interface LegendBlock {
  title: string;
  items: { colour: string; label: string }[];
}

/** What a printed map needs beside it: the layers' keys and the filters narrowing them. */
export interface MapKey {
  legend: LegendBlock[];
  filters: string[];
}

export type DescribeMap = (layers: Readonly<Record<LayerId, LayerChoice>>, t: TFunction) => MapKey;

/**
 * How the layers shown are described. The layers feature knows; features that print the map
 * (briefing export) ask through this context, which the shell fills, so neither imports the other.
 */
export const MapKeyContext = createContext<DescribeMap>(() => ({ legend: [], filters: [] }));

export function useDescribeMap(): DescribeMap {
  return useContext(MapKeyContext);
}
