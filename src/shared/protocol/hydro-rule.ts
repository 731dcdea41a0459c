import { z } from 'zod';
import { EntityId } from './common.ts';

/** Windows rainfall rules sum over, hours. */
export const RainWindowH = z.union(
  [z.literal(1), z.literal(3), z.literal(6), z.literal(12), z.literal(24)],
  {
    error: 'a rain window is 1, 3, 6, 12 or 24 hours',
  },
);
export type RainWindowH = z.infer<typeof RainWindowH>;

/** How loud a firing is: a warning colour, or 提示 for what only informs. */
export const FiringLevel = z.enum(['info', 'blue', 'yellow', 'orange', 'red']);
export type FiringLevel = z.infer<typeof FiringLevel>;

const base = {
  id: EntityId,
  name: z.string().min(1),
  level: FiringLevel,
  /**
   * A firing issues (or upgrades) a warning at the rule's level over the villages it threatens.
   * The rainstorm signals are the meteorological service's to issue: their rules only alarm.
   */
  warn: z.boolean().optional(),
};

/**
 * A threshold rule (validated JSON, edited by admins). Rain over a window at any rain gauge;
 * a level over a station's own characteristic level; a rise faster than a rate; a village's
 * warning index (准备转移 / 立即转移) at the gauge that watches it; waterlogging over a sensor's
 * alarm depth.
 */
export const HydroRule = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('rain'),
    windowH: RainWindowH,
    mm: z.number().positive({ error: 'a rain threshold is above 0 mm' }),
  }),
  z.object({
    ...base,
    kind: z.literal('level'),
    over: z.enum(['warning', 'guarantee', 'floodLimit', 'design']),
  }),
  z.object({
    ...base,
    kind: z.literal('rise'),
    metresPerHour: z.number().positive({ error: 'a rate of rise is above 0 m/h' }),
  }),
  z.object({ ...base, kind: z.literal('village'), stage: z.enum(['prepare', 'evacuate']) }),
  z.object({ ...base, kind: z.literal('depth') }),
]);
export type HydroRule = z.infer<typeof HydroRule>;

/** A jurisdiction's rules: at most 200, each id once (a firing is keyed by its rule's id). */
export const HydroRuleSet = z
  .array(HydroRule)
  .max(200, { error: 'at most 200 rules' })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `rule id ${r.id} is used twice` });
      seen.add(r.id);
    });
  });

/** `GET /api/scenarios/:scenario/rules`: the rules in force and where they come from. */
export const HydroRulesAnswer = z.object({
  scenario: z.string(),
  rules: HydroRuleSet,
  /** OneMap's defaults, the jurisdiction's own `rules.json`, or edited by an admin. */
  source: z.enum(['default', 'jurisdiction', 'edited']),
  updatedBy: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type HydroRulesAnswer = z.infer<typeof HydroRulesAnswer>;

/**
 * The rules a sample starts with: the China Meteorological Administration's rainstorm signals
 * (暴雨预警信号: blue 50 mm in 12 h, yellow 50 mm in 6 h, orange 50 mm in 3 h, red 100 mm in
 * 3 h), 短时强降水 (≥ 20 mm in 1 h), levels over 警戒 / 保证 / 汛限, a fast rise, the villages'
 * indices and waterlogged streets.
 */
export const DEFAULT_HYDRO_RULES: readonly HydroRule[] = [
  {
    id: 'rain-blue',
    name: '暴雨蓝色（12小时50毫米）',
    level: 'blue',
    kind: 'rain',
    windowH: 12,
    mm: 50,
  },
  {
    id: 'rain-yellow',
    name: '暴雨黄色（6小时50毫米）',
    level: 'yellow',
    kind: 'rain',
    windowH: 6,
    mm: 50,
  },
  {
    id: 'rain-orange',
    name: '暴雨橙色（3小时50毫米）',
    level: 'orange',
    kind: 'rain',
    windowH: 3,
    mm: 50,
  },
  {
    id: 'rain-red',
    name: '暴雨红色（3小时100毫米）',
    level: 'red',
    kind: 'rain',
    windowH: 3,
    mm: 100,
  },
  {
    id: 'rain-short',
    name: '短时强降水（1小时20毫米）',
    level: 'info',
    kind: 'rain',
    windowH: 1,
    mm: 20,
  },
  {
    id: 'level-warning',
    name: '超警戒水位',
    level: 'orange',
    kind: 'level',
    over: 'warning',
    warn: true,
  },
  {
    id: 'level-guarantee',
    name: '超保证水位',
    level: 'red',
    kind: 'level',
    over: 'guarantee',
    warn: true,
  },
  {
    id: 'level-flood-limit',
    name: '超汛限水位',
    level: 'orange',
    kind: 'level',
    over: 'floodLimit',
    warn: true,
  },
  {
    id: 'rise-fast',
    name: '水位快速上涨（每小时0.5米）',
    level: 'yellow',
    kind: 'rise',
    metresPerHour: 0.5,
  },
  {
    id: 'village-prepare',
    name: '准备转移',
    level: 'orange',
    kind: 'village',
    stage: 'prepare',
    warn: true,
  },
  {
    id: 'village-evacuate',
    name: '立即转移',
    level: 'red',
    kind: 'village',
    stage: 'evacuate',
    warn: true,
  },
  { id: 'depth-alarm', name: '积水超报警深度', level: 'orange', kind: 'depth' },
];
