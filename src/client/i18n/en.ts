import type { Messages } from './zh-cn.ts';

export const en: Messages = {
  app: {
    title: 'OneMap',
    subtitle: 'Emergency command map',
    loading: 'Loading map data…',
    loadFailed: 'Could not load map data: {{reason}}',
    retry: 'Retry',
    badParam: 'Link parameter ignored ({{reason}}); using the default',
  },
  scenario: {
    label: 'Area',
    erqi: 'Erqi District, Zhengzhou',
    kaifeng: 'Kaifeng City',
  },
  language: { label: 'Language', zh: '中文', en: 'English' },
  about: {
    button: 'About the data',
    title: 'About OneMap and its sample data',
    close: 'Close',
    synthetic:
      'Apart from the county/district outlines, everything shown here — township boundaries, villages, populations, shelters, teams, depots, cameras, risk points, grid members and historical reports — is synthetic sample data from a deterministic generator. It does not describe reality.',
    real: 'Real source',
    generated: 'Synthetic',
    counts: 'Data volume',
  },
  layers: {
    counties: 'County boundaries',
    townships: 'Townships',
    villages: 'Villages / communities',
  },
  legend: { title: 'Legend' },
  stats: {
    townships: '{{count}} townships',
    villages: '{{count}} villages / communities',
    population: 'population {{value}}',
  },
};
