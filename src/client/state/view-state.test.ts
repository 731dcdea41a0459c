import { describe, expect, it } from 'vitest';
import { decodeView, encodeView } from './url-codec.ts';
import {
  defaultViewState as fresh,
  viewReducer,
  type LayerDefaults,
  type ViewState,
} from './view-state.ts';

/**
 * The view knows its layers only through the defaults the shell hands in (the layer registry's):
 * the layers these tests use stand in for them.
 */
const off = { on: false, opacity: 1, filters: {} };
const LAYERS = Object.fromEntries(
  ['shelters', 'cameras', 'teams', 'risk-points', 'grid-members'].map((id) => [id, off]),
) as unknown as LayerDefaults;
const defaultViewState = (scenario = 'erqi') => fresh(LAYERS, scenario);

describe('viewReducer', () => {
  const base = defaultViewState('erqi');

  it('toggles a layer, clamps opacity and sets and clears filters', () => {
    let v = viewReducer(base, { type: 'toggle', layer: 'cameras', on: true });
    expect(v.layers.cameras.on).toBe(true);
    v = viewReducer(v, { type: 'opacity', layer: 'cameras', opacity: 3 });
    expect(v.layers.cameras.opacity).toBe(1);
    v = viewReducer(v, { type: 'filter', layer: 'shelters', field: 'status', values: ['open'] });
    expect(v.layers.shelters.filters).toEqual({ status: ['open'] });
    v = viewReducer(v, { type: 'filter', layer: 'shelters', field: 'status', values: null });
    expect(v.layers.shelters.filters).toEqual({});
  });

  it('drops focus, selection and camera when the scenario changes, keeps them otherwise', () => {
    const focused: ViewState = {
      ...base,
      area: '410103001',
      selection: { layer: 'shelters', id: 'SH0001' },
      camera: { lon: 113.6, lat: 34.7, zoom: 12 },
    };
    expect(viewReducer(focused, { type: 'scenario', scenario: 'erqi' })).toBe(focused);
    const other = viewReducer(focused, { type: 'scenario', scenario: 'kaifeng' });
    expect(other).toMatchObject({ scenario: 'kaifeng', area: null, selection: null, camera: null });
  });
});

describe('view in the URL', () => {
  it('round-trips a whole screen', () => {
    let v = defaultViewState('kaifeng');
    v = viewReducer(v, { type: 'theme', theme: 'light' });
    v = viewReducer(v, { type: 'camera', camera: { lon: 114.35, lat: 34.79, zoom: 12.5 } });
    v = viewReducer(v, { type: 'toggle', layer: 'grid-members', on: true });
    v = viewReducer(v, { type: 'opacity', layer: 'shelters', opacity: 0.6 });
    v = viewReducer(v, {
      type: 'filter',
      layer: 'risk-points',
      field: 'level',
      values: ['I', 'II'],
    });
    v = viewReducer(v, { type: 'measure', measure: 'settlementRate' });
    v = viewReducer(v, { type: 'area', area: '410225101' });
    v = viewReducer(v, { type: 'select', selection: { layer: 'teams', id: 'TM0042' } });
    v = viewReducer(v, {
      type: 'timeRange',
      range: [Date.parse('2021-07-01T00:00:00+08:00'), Date.parse('2021-08-01T00:00:00+08:00') - 1],
    });
    const { view, problems } = decodeView(encodeView(v), defaultViewState('erqi'));
    expect(problems).toEqual([]);
    expect(view).toEqual(v);
  });

  it('skips each bad part with a reason and keeps the good ones', () => {
    const { view, problems } = decodeView(
      's=erqi&l=shelters,unicorns&c=500,1,2&m=colour&a=12&sel=teams:TM1&tr=2021-07-02/2021-07-01',
      defaultViewState(),
    );
    expect(view.layers.shelters.on).toBe(true);
    expect(view.layers.teams.on).toBe(false);
    expect(view.selection).toEqual({ layer: 'teams', id: 'TM1' });
    expect(view.camera).toBeNull();
    expect(problems).toEqual([
      'c=500,1,2: camera must be lon,lat,zoom',
      'l=unicorns: unknown layer',
      'm=colour: measure must be one of none, population, riskPoints, openIncidents, settlementRate',
      'a=12: area must be a 6, 9 or 12-digit admin code',
      'tr=2021-07-02/2021-07-01: time range must be YYYY-MM-DD/YYYY-MM-DD',
    ]);
  });

  it('carries the basemap in the link and refuses one it does not know', () => {
    const v = viewReducer(defaultViewState('erqi'), { type: 'basemap', basemap: 'gaode' });
    expect(encodeView(v)).toContain('b=gaode');
    expect(decodeView(encodeView(v), defaultViewState('erqi')).view.basemap).toBe('gaode');
    const bad = decodeView('s=erqi&b=google', defaultViewState('erqi'));
    expect(bad.view.basemap).toBeNull();
    expect(bad.problems[0]).toMatch(/^b=google: basemap must be plain, vector/);
  });
});
