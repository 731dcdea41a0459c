import type { FeatureCollection } from 'geojson';
import { z } from 'zod';
import {
  BasemapCatalog,
  IncidentLogEntry,
  Recommendations,
  type CollectionId,
  type ScenarioId,
  type ScenarioMeta,
  WhoAmI,
} from '../../shared/protocol/index.ts';
import { ApiError } from './api-error.ts';
import { authHeaders } from './credential.ts';
import { session } from './session.ts';

export { ApiError };

/**
 * A request to the gateway carrying this tab's credential. A 401 while signed in means the
 * session ended on the gateway's side (expired, secret rotated): the console signs out, so it
 * asks for a sign-in instead of showing a picture it can no longer refresh.
 */
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, {
    ...init,
    headers: { ...authHeaders(), ...(init.headers as Record<string, string> | undefined) },
  });
  if (res.status === 401 && session.get()) session.signOut();
  return res;
}

/**
 * A JSON answer parsed by its schema from the shared protocol: a gateway that answers something
 * else is reported with the field that was wrong, not drawn. `token` sends a session's own
 * credential (a dialog that belongs to the person signed in).
 */
export async function readJson<S extends z.ZodType>(
  url: string,
  schema: S,
  { signal, token }: { signal?: AbortSignal; token?: string } = {},
): Promise<z.infer<S>> {
  const body = await getJson<unknown>(url, signal, token);
  const r = schema.safeParse(body);
  if (!r.success)
    throw new ApiError(
      0,
      `${url.split('?')[0] ?? url} breaks the contract: ${z.prettifyError(r.error)}`,
    );
  return r.data;
}

async function getJson<T>(url: string, signal?: AbortSignal, token?: string): Promise<T> {
  let res: Response;
  try {
    res = await apiFetch(url, {
      signal,
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, `gateway unreachable (${(e as Error).message})`);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { description?: string } | null;
    throw new ApiError(res.status, body?.description ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as T;
}

/** The basemaps this gateway offers for a scenario, checked against the contract. */
export async function fetchBasemaps(
  scenario: ScenarioId,
  signal?: AbortSignal,
): Promise<BasemapCatalog> {
  const body = await getJson<unknown>(`/api/basemaps?scenario=${scenario}`, signal);
  return BasemapCatalog.parse(body);
}

export async function fetchScenarios(signal?: AbortSignal): Promise<ScenarioMeta[]> {
  const body = await getJson<{ scenarios: ScenarioMeta[] }>('/api/scenarios', signal);
  return body.scenarios;
}

interface ItemsPage extends FeatureCollection {
  numberMatched: number;
  seq?: number;
  links: { rel: string; href: string }[];
}

/** Every item of a collection, following `next` links page by page (10,000 per page). */
export async function fetchAllItems(
  scenario: ScenarioId,
  collection: CollectionId,
  signal?: AbortSignal,
): Promise<FeatureCollection & { seq: number }> {
  const features: FeatureCollection['features'] = [];
  let seq = 0;
  let url: string | undefined =
    `/api/scenarios/${scenario}/collections/${collection}/items?limit=10000`;
  while (url) {
    const page: ItemsPage = await getJson<ItemsPage>(url, signal);
    features.push(...page.features);
    // Live collections say which feed event they reflect; the first page's figure is the floor.
    if (seq === 0) seq = page.seq ?? 0;
    const next = page.links.find((l) => l.rel === 'next')?.href;
    // Follow the path only: the gateway may name itself by another host than the page uses.
    url = next ? new URL(next).pathname + new URL(next).search : undefined;
  }
  return { type: 'FeatureCollection', features, seq };
}

/** Teams ranked for an incident, checked against the contract. */
export async function fetchRecommendations(
  scenario: ScenarioId,
  incidentId: string,
  signal?: AbortSignal,
): Promise<Recommendations> {
  const body = await getJson<unknown>(
    `/api/scenarios/${scenario}/incidents/${encodeURIComponent(incidentId)}/recommendations`,
    signal,
  );
  return Recommendations.parse(body);
}

/** An incident's dispatch log as the gateway keeps it. */
export async function fetchIncidentLog(
  scenario: ScenarioId,
  incidentId: string,
  signal?: AbortSignal,
): Promise<IncidentLogEntry[]> {
  const body = await getJson<{ entries?: unknown }>(
    `/api/scenarios/${scenario}/incidents/${encodeURIComponent(incidentId)}/log`,
    signal,
  );
  return IncidentLogEntry.array().parse(body.entries);
}

/** Who the gateway takes this tab for, and whether it may read at all. */
export async function fetchWhoAmI(signal?: AbortSignal): Promise<WhoAmI> {
  return WhoAmI.parse(await getJson<unknown>('/api/whoami', signal));
}
