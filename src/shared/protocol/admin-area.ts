import { z } from 'zod';
import { AreaGeometry, LonLat, NonNegativeInt } from './common.ts';

export const AdminLevel = z.enum(['city', 'county', 'township', 'village'], {
  error: 'level must be city, county, township or village',
});
export type AdminLevel = z.infer<typeof AdminLevel>;

/** Digits of an administrative code per level (GB/T 2260 + the statistical 12-digit extension). */
export const CODE_LENGTH: Readonly<Record<AdminLevel, number>> = {
  city: 6,
  county: 6,
  township: 9,
  village: 12,
};

/** The categories that transfer plans count apart (老弱病残孕, 留守儿童). */
export const Vulnerable = z.object({
  elderlyAlone: NonNegativeInt,
  disabled: NonNegativeInt,
  bedridden: NonNegativeInt,
  pregnant: NonNegativeInt,
  childrenLeftBehind: NonNegativeInt,
});
export type Vulnerable = z.infer<typeof Vulnerable>;
export const VULNERABLE_KEYS = [
  'elderlyAlone',
  'disabled',
  'bedridden',
  'pregnant',
  'childrenLeftBehind',
] as const satisfies readonly (keyof Vulnerable)[];

export const AdminArea = z
  .object({
    code: z.string().regex(/^\d{6}(\d{3}){0,2}$/, {
      error: 'admin code must be 6 (city/county), 9 (township) or 12 (village) digits',
    }),
    level: AdminLevel,
    name: z.string().min(1, { error: 'name must not be empty' }),
    /** Code of the area one level up; null for the city. */
    parentCode: z
      .string()
      .regex(/^\d{6}(\d{3})?$/)
      .nullable(),
    population: NonNegativeInt,
    households: NonNegativeInt,
    vulnerable: Vulnerable,
    /** People aged 65 or more (the census column 65岁以上人数), where the register gives it. */
    aged65: NonNegativeInt.optional(),
    /** Seat of government (county seat, township seat, village committee). */
    seat: LonLat,
    geometry: AreaGeometry,
    /** True where the outline is generated rather than an official boundary. */
    synthetic: z.boolean(),
  })
  .superRefine((a, ctx) => {
    const want = CODE_LENGTH[a.level];
    if (a.code.length !== want) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `a ${a.level} code has ${want} digits, got "${a.code}" (${a.code.length})`,
      });
    }
    if (a.level === 'city') {
      if (a.parentCode !== null) {
        ctx.addIssue({ code: 'custom', path: ['parentCode'], message: 'a city has no parent' });
      }
      return;
    }
    if (a.parentCode === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['parentCode'],
        message: `a ${a.level} needs the code of its parent area`,
      });
      return;
    }
    // County codes share the city's first 4 digits (410103 under 410100); lower levels extend
    // their parent's code.
    const prefix = a.level === 'county' ? a.parentCode.slice(0, 4) : a.parentCode;
    if (!a.code.startsWith(prefix)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `code ${a.code} does not extend its parent's code ${a.parentCode}`,
      });
    }
    const v = a.vulnerable;
    const total = v.elderlyAlone + v.disabled + v.bedridden + v.pregnant + v.childrenLeftBehind;
    if (total > a.population) {
      ctx.addIssue({
        code: 'custom',
        path: ['vulnerable'],
        message: `vulnerable people (${total}) exceed the population (${a.population})`,
      });
    }
  });
export type AdminArea = z.infer<typeof AdminArea>;

export function levelOfCode(code: string): AdminLevel {
  if (code.length === 12) return 'village';
  if (code.length === 9) return 'township';
  return code.endsWith('00') ? 'city' : 'county';
}
