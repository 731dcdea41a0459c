import { BasemapId, ScenarioId } from '../../shared/protocol/index.ts';
import { dateCst } from '../../shared/time.ts';
import { MEASURES, type LayerId, type Measure, type ViewState } from './view-state.ts';

const DAY_MS = 86_400_000;

/** The view's layers in their registry order (the defaults' keys are every layer there is). */
const layerIds = (v: ViewState) => Object.keys(v.layers) as LayerId[];

/** Whether a name from a link is a layer of this console. */
function layerOf(base: ViewState, id: string | undefined): LayerId | null {
  return id !== undefined && Object.hasOwn(base.layers, id) ? (id as LayerId) : null;
}

/**
 * The view in the query string, short enough to paste into a chat:
 *   s=erqi  t=dark  b=gaode  c=113.64,34.72,11.5  l=shelters,teams  o=shelters:0.6
 *   f=shelters.status:open|standby  m=population  a=410103001  sel=shelters:SH0001
 *   tr=2021-07-01/2021-08-01
 */
export function encodeView(v: ViewState): string {
  const p = new URLSearchParams();
  p.set('s', v.scenario);
  if (v.theme !== 'dark') p.set('t', v.theme);
  if (v.basemap) p.set('b', v.basemap);
  if (v.camera)
    p.set(
      'c',
      [v.camera.lon.toFixed(5), v.camera.lat.toFixed(5), v.camera.zoom.toFixed(2)].join(','),
    );
  const ids = layerIds(v);
  p.set('l', ids.filter((id) => v.layers[id].on).join(','));
  const opacity = ids
    .filter((id) => v.layers[id].opacity !== 1)
    .map((id) => `${id}:${v.layers[id].opacity.toFixed(2)}`);
  if (opacity.length) p.set('o', opacity.join(','));
  const filters = ids.flatMap((id) =>
    Object.entries(v.layers[id].filters).map(
      ([field, values]) => `${id}.${field}:${values.join('|')}`,
    ),
  );
  if (filters.length) p.set('f', filters.join(','));
  if (v.measure !== 'population') p.set('m', v.measure);
  if (v.area) p.set('a', v.area);
  if (v.selection) p.set('sel', `${v.selection.layer}:${v.selection.id}`);
  if (v.timeRange) p.set('tr', v.timeRange.map(dateCst).join('/'));
  return p.toString();
}

/** Reads a view from the query string over `base`; each bad part is skipped with a reason. */
export function decodeView(
  search: string,
  base: ViewState,
  /** The jurisdictions the gateway serves (a link may name one it no longer does). */
  known?: readonly ScenarioId[],
): { view: ViewState; problems: string[] } {
  const p = new URLSearchParams(search);
  const problems: string[] = [];
  let view = { ...base, layers: { ...base.layers } };
  const bad = (name: string, raw: string, why: string) => problems.push(`${name}=${raw}: ${why}`);

  const s = p.get('s') ?? p.get('scenario');
  if (s !== null) {
    const r = ScenarioId.safeParse(s);
    if (r.success && known && !known.includes(r.data))
      bad('scenario', s, `no jurisdiction "${s}" on this gateway (it serves ${known.join(', ')})`);
    else if (r.success) {
      if (r.data !== view.scenario)
        view = {
          ...view,
          scenario: r.data,
          basemap: null,
          camera: null,
          measure: 'population',
          area: null,
          selection: null,
          timeRange: null,
        };
    } else bad('scenario', s, r.error.issues[0]?.message ?? 'unknown');
  }
  const t = p.get('t');
  if (t !== null) {
    if (t === 'dark' || t === 'light') view.theme = t;
    else bad('t', t, 'theme must be dark or light');
  }
  const b = p.get('b');
  if (b !== null) {
    const r = BasemapId.safeParse(b);
    if (r.success) view.basemap = r.data;
    else bad('b', b, r.error.issues[0]?.message ?? 'unknown basemap');
  }
  const c = p.get('c');
  if (c !== null) {
    const [lon, lat, zoom] = c.split(',').map(Number);
    if (
      lon !== undefined &&
      lat !== undefined &&
      zoom !== undefined &&
      Math.abs(lon) <= 180 &&
      Math.abs(lat) <= 85 &&
      zoom >= 0 &&
      zoom <= 22
    ) {
      view.camera = { lon, lat, zoom };
    } else bad('c', c, 'camera must be lon,lat,zoom');
  }
  const l = p.get('l');
  if (l !== null) {
    const on = new Set<LayerId>();
    for (const id of l.split(',').filter(Boolean)) {
      const layer = layerOf(base, id);
      if (layer) on.add(layer);
      else bad('l', id, 'unknown layer');
    }
    for (const id of layerIds(base)) view.layers[id] = { ...view.layers[id], on: on.has(id) };
  }
  for (const part of (p.get('o') ?? '').split(',').filter(Boolean)) {
    const [id, value] = part.split(':');
    const layer = layerOf(base, id);
    const n = Number(value);
    if (layer && Number.isFinite(n) && n >= 0 && n <= 1)
      view.layers[layer] = { ...view.layers[layer], opacity: n };
    else bad('o', part, 'opacity must be layer:0–1');
  }
  for (const part of (p.get('f') ?? '').split(',').filter(Boolean)) {
    const m = /^([a-z-]+)\.(\w+):(.+)$/.exec(part);
    const layer = layerOf(base, m?.[1]);
    if (m && layer && m[2] && m[3]) {
      const choice = view.layers[layer];
      view.layers[layer] = { ...choice, filters: { ...choice.filters, [m[2]]: m[3].split('|') } };
    } else bad('f', part, 'filter must be layer.field:value|value');
  }
  const m = p.get('m');
  if (m !== null) {
    if ((MEASURES as readonly string[]).includes(m)) view.measure = m as Measure;
    else bad('m', m, `measure must be one of ${MEASURES.join(', ')}`);
  }
  const a = p.get('a');
  if (a !== null) {
    if (/^\d{6}(\d{3}){0,2}$/.test(a)) view.area = a;
    else bad('a', a, 'area must be a 6, 9 or 12-digit admin code');
  }
  const sel = p.get('sel');
  if (sel !== null) {
    const [name, id] = sel.split(':');
    const layer = layerOf(base, name);
    if (layer && id && /^[\w.:-]{1,64}$/.test(id)) view.selection = { layer, id };
    else bad('sel', sel, 'selection must be layer:id');
  }
  const tr = p.get('tr');
  if (tr !== null) {
    // Whole days in China time, both included.
    const [from, to] = tr.split('/').map((d) => Date.parse(`${d}T00:00:00+08:00`));
    if (
      from !== undefined &&
      to !== undefined &&
      Number.isFinite(from) &&
      Number.isFinite(to) &&
      from <= to
    ) {
      view.timeRange = [from, to + DAY_MS - 1];
    } else bad('tr', tr, 'time range must be YYYY-MM-DD/YYYY-MM-DD');
  }
  return { view, problems };
}
