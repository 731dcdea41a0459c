import { describe, expect, it } from 'vitest';
import type { Observation, Station } from '../../../shared/protocol/index.ts';
import { hourlyRain, stationChartOption, type ChartWords } from './chart-option.ts';

const words: ChartWords = {
  rain: 'rain',
  cumulative: 'sum',
  level: 'level',
  depth: 'depth',
  lines: {
    warning: '警戒水位',
    guarantee: '保证水位',
    floodLimit: '汛限',
    design: '设计',
    depthAlarm: '报警',
  },
};
const ink = { text: '#fff', grid: '#333' };
const base = {
  id: 'ST1',
  code: '41010001',
  name: '站',
  position: [113.6, 34.7] as [number, number],
  countyCode: '410103',
  townshipCode: '410103001',
};
const rain = (time: string, value: number, periodMin = 5): Observation => ({
  station: '41010001',
  element: 'rain',
  time,
  value,
  periodMin,
});

describe('station chart', () => {
  it('sums the finest rain amounts per clock hour, not the hourly total beside them', () => {
    const bars = hourlyRain([
      rain('2026-07-20T08:05:00Z', 2),
      rain('2026-07-20T09:00:00Z', 3),
      rain('2026-07-20T09:00:00Z', 5, 60),
      rain('2026-07-20T09:05:00Z', 1.5),
    ]);
    expect(bars).toEqual([
      [Date.parse('2026-07-20T09:00:00Z'), 5],
      [Date.parse('2026-07-20T10:00:00Z'), 1.5],
    ]);
  });

  it('draws a river’s warning and guarantee levels as lines and each firing at its time', () => {
    const river: Station = { ...base, kind: 'river', levels: { warning: 100, guarantee: 101.5 } };
    const opened = '2026-07-20T09:00:00Z';
    const option = stationChartOption(
      river,
      [{ station: '41010001', element: 'level', time: opened, value: 100.2 }],
      [
        {
          id: 'F1',
          rule: 'level-warning',
          ruleName: '超警戒水位',
          level: 'orange',
          openedAt: opened,
          value: 100.2,
          threshold: 100,
          unit: 'm',
        },
      ],
      0,
      Date.parse(opened) + 1,
      words,
      ink,
    );
    const lines = option.series[0]?.markLine?.data ?? [];
    expect(lines.map((l) => ('yAxis' in l ? l.yAxis : l.xAxis))).toEqual([
      100,
      101.5,
      Date.parse(opened),
    ]);
    expect(lines.map((l) => l.name)).toEqual(['警戒水位', '保证水位', '超警戒水位']);
    // The guarantee level stays in view although the water is below it.
    expect((option.yAxis as unknown as { max: number }).max).toBeGreaterThanOrEqual(101.5);
  });
});
