import { describe, expect, it } from 'vitest';
import { parseMapping } from './column-mapping.ts';

describe('parsing an officer’s column mapping', () => {
  it('takes a register and headers mapped to its fields', () => {
    expect(parseMapping('shelters', '{"单位名称":"name","收容人数":"capacityDay"}')).toEqual({
      register: 'shelters',
      columns: { 单位名称: 'name', 收容人数: 'capacityDay' },
    });
    expect(parseMapping(undefined, undefined)).toBeUndefined();
  });

  it('refuses, saying why, a mapping without its register, bad JSON, an unknown register or field', () => {
    expect(parseMapping(undefined, '{}')).toMatch(/needs register/);
    expect(parseMapping('shelters', '{单位名称')).toMatch(/must be JSON/);
    expect(parseMapping('bridges', '{}')).toMatch(/register/);
    expect(parseMapping('shelters', '{"单位名称":"capacity"}')).toMatch(
      /has no field "capacity" \(for "单位名称"\).*capacityDay/,
    );
  });
});
