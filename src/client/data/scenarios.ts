import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ScenarioId, ScenarioMeta } from '../../shared/protocol/index.ts';
import { fetchScenarios } from '../api/read-api.ts';

/** The jurisdictions this gateway serves, as their manifests say (names, bbox, sources). */
export const scenariosQuery = queryOptions({
  queryKey: ['scenarios'],
  queryFn: ({ signal }) => fetchScenarios(signal),
  staleTime: Infinity,
});

export function useScenarios(): ScenarioMeta[] | undefined {
  return useQuery(scenariosQuery).data;
}

export function useScenarioMeta(id: ScenarioId): ScenarioMeta | undefined {
  return useQuery({ ...scenariosQuery, select: (all) => all.find((s) => s.id === id) }).data;
}

/** A jurisdiction's name in a language, as its manifest gives it. */
export const nameIn = (meta: ScenarioMeta, language: string) =>
  language.startsWith('zh') ? meta.name : meta.nameEn;

/** A jurisdiction's name in the console's language (its id until the manifests arrive). */
export function useScenarioName(id: ScenarioId): string {
  const { i18n } = useTranslation();
  const meta = useScenarioMeta(id);
  return meta ? nameIn(meta, i18n.language) : id;
}
