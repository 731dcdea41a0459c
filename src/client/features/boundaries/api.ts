import type { CollectionId } from '../../../shared/protocol/index.ts';

/** The base geography of a scenario: it changes only when the fixtures are regenerated. */
export const BASE_COLLECTIONS = [
  'counties',
  'townships',
  'villages',
  'rivers',
  'roads',
] as const satisfies readonly CollectionId[];
export type BaseCollection = (typeof BASE_COLLECTIONS)[number];
