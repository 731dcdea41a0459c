import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { i18next, LANGUAGES } from '../../i18n/index.ts';
import { interpretPick } from './pick.ts';
import { LAYER_DEFAULTS, LAYERS, PICKS } from './registry.ts';

describe('the layer registry', () => {
  it('holds one file per layer, named for its id', () => {
    const files = readdirSync(new URL('./kinds', import.meta.url)).map((f) =>
      f.replace(/\.tsx?$/, ''),
    );
    expect(LAYERS.map((l) => l.id).sort()).toEqual(files.sort());
  });

  it('names every layer in both languages, through the same translations as everything else', () => {
    for (const lang of LANGUAGES) {
      const t = i18next.getFixedT(lang);
      for (const { id, name } of LAYERS) {
        expect(name[lang].trim()).not.toBe('');
        expect(t(`layers.${id}`)).toBe(name[lang]);
      }
    }
  });

  it('translates every filter value, legend value and hint a layer shows', () => {
    const missing: string[] = [];
    for (const lang of LANGUAGES) {
      const t = i18next.getFixedT(lang);
      const check = (key: string) => {
        if (!i18next.exists(key, { lng: lang, fallbackLng: false })) missing.push(`${lang} ${key}`);
        else expect(t(key)).not.toBe('');
      };
      for (const { filters, legend, hint } of LAYERS) {
        for (const f of filters ?? []) {
          check(`fields.${f.field}`);
          for (const v of f.options) check(`enums.${f.enumKey}.${v}`);
        }
        for (const v of Object.keys(legend?.colours ?? {})) check(`enums.${legend?.enumKey}.${v}`);
        if (hint) check(`layers.${hint}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives each engine layer that answers picks to exactly one layer', () => {
    const declared = LAYERS.flatMap((l) => Object.keys(l.picks ?? {}));
    expect(new Set(declared).size).toBe(declared.length);
    expect(PICKS.size).toBe(declared.length);
  });

  it('turns picks into their meaning by the layers’ own declarations', () => {
    expect(interpretPick('shelters-cluster', { point_count: 7 }, null)).toEqual({
      kind: 'cluster',
      layer: 'shelters',
      count: 7,
    });
    expect(interpretPick('shelters-circle', { id: 'SH0001' }, null)).toMatchObject({
      kind: 'entity',
      layer: 'shelters',
      id: 'SH0001',
    });
    expect(interpretPick('incidents', {}, { id: 'INC-1' })).toMatchObject({
      kind: 'entity',
      layer: 'incidents',
      id: 'INC-1',
    });
    expect(interpretPick('teams-agg', {}, { name: '东区', count: 3 })).toEqual({
      kind: 'aggregate',
      layer: 'teams',
      name: '东区',
      count: 3,
    });
    expect(
      interpretPick('choropleth-fill', { code: '410103001', name: '解放路街道' }, null),
    ).toEqual({ kind: 'area', code: '410103001', name: '解放路街道' });
    expect(interpretPick('townships-line', {}, null)).toBeNull();
    expect(interpretPick('cameras-dot', {}, null)).toBeNull();
  });

  it('starts a fresh console with the duty layers on and the heavy or personal ones off', () => {
    const on = Object.entries(LAYER_DEFAULTS)
      .filter(([, c]) => c.on)
      .map(([id]) => id);
    expect(on.sort()).toEqual(
      ['incidents', 'risk-points', 'shelters', 'teams', 'townships', 'warnings'].sort(),
    );
    expect(Object.keys(LAYER_DEFAULTS)).toEqual(LAYERS.map((l) => l.id));
  });
});
