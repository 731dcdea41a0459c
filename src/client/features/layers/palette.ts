import type { SeverityLevel } from '../../../shared/protocol/index.ts';
import type { Theme } from '../../map/base-style.ts';

/**
 * The official colours of the four levels (brief: warnings and response levels). They are used
 * for levels only; statuses and everything else use colours that cannot be mistaken for them.
 */
export const LEVEL_COLOUR: Record<SeverityLevel, string> = {
  I: '#e5262b', // red
  II: '#f97a14', // orange
  III: '#f5c518', // yellow
  IV: '#2f6fed', // blue
};
export const WARNING_COLOUR = {
  red: LEVEL_COLOUR.I,
  orange: LEVEL_COLOUR.II,
  yellow: LEVEL_COLOUR.III,
  blue: LEVEL_COLOUR.IV,
};

export const TEAM_STATUS_COLOUR = {
  available: '#22c55e',
  dispatched: '#a855f7',
  en_route: '#06b6d4',
  on_scene: '#d946ef',
  returning: '#94a3b8',
  off_duty: '#475569',
} as const;

export const SHELTER_STATUS_COLOUR = {
  standby: '#14b8a6',
  open: '#22c55e',
  full: '#a855f7',
  closed: '#64748b',
} as const;

export const DEPOT_COLOUR = '#e2e8f0';
export const CAMERA_COLOUR = '#67e8f9';

/** 水雨情 stations by kind, until their readings colour them by state. */
export const STATION_KIND_COLOUR = {
  rain: '#38bdf8',
  river: '#3b82f6',
  reservoir: '#2dd4bf',
  waterlogging: '#c084fc',
} as const;
/**
 * Water levels by where they stand: within bounds a calm blue, over 警戒 / 汛限 the orange of
 * the level colours, over 保证 red; a station silent past its reports grey.
 */
export const STATION_STATE_COLOUR = {
  normal: '#60a5fa',
  warning: LEVEL_COLOUR.II,
  floodLimit: LEVEL_COLOUR.II,
  guarantee: LEVEL_COLOUR.I,
  stale: '#6b7280',
} as const;

/** The rainfall grades' colours as China's precipitation maps draw them (light green to maroon). */
export const RAIN_GRADE_COLOUR = {
  light: '#a6f28f',
  moderate: '#3dba3d',
  heavy: '#61b8ff',
  storm: '#0000fe',
  heavyStorm: '#fa00fa',
  extreme: '#800040',
} as const;
export const GRID_MEMBER_COLOUR = '#a3e635';
/** Overdue rectification: a white ring, not a level colour. */
export const OVERDUE_RING = '#ffffff';

/**
 * Sequential ramp for the township choropleth: neutral slate, so the coloured points on top stay
 * readable and nothing is mistaken for a warning level.
 */
export const CHOROPLETH: Record<Theme, string[]> = {
  dark: ['#0d1626', '#16233a', '#1f3150', '#2a4066', '#37507d', '#466296'],
  light: ['#f8fafc', '#e2e8f0', '#cbd5e1', '#b4c0d0', '#94a3b8', '#7888a0'],
};

/** Heatmap of historical reports: violet to white, clear of the level colours. */
export const HEAT_RAMP: [number, number, number][] = [
  [30, 10, 60],
  [88, 28, 135],
  [147, 51, 234],
  [192, 38, 211],
  [240, 171, 252],
  [255, 255, 255],
];

export function rgba(hex: string, alpha = 255): [number, number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}
