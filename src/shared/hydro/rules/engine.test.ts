import { describe, expect, it } from 'vitest';
import { DEFAULT_HYDRO_RULES, type Observation, type Station } from '../../protocol/index.ts';
import { HydroRuleEngine, type FiringChange } from './engine.ts';

const place = {
  countyCode: '410103',
  townshipCode: '410103101',
  position: [113.6, 34.7] as [number, number],
};
const gauge: Station = {
  id: 'ST0001',
  code: '41010001',
  name: '马寨雨量站',
  kind: 'rain',
  ...place,
  watches: [
    {
      villageCode: '410103101201',
      hazard: 'flash_flood',
      prepare: { h1: 40, h3: 60 },
      evacuate: { h1: 60, h3: 90 },
    },
  ],
};
const river: Station = {
  id: 'ST0021',
  code: '41010021',
  name: '贾鲁河水位站',
  kind: 'river',
  ...place,
  levels: { warning: 106.38, guarantee: 108.52 },
};
const sensor: Station = {
  id: 'ST0050',
  code: '41010050',
  name: '下穿桥积水点',
  kind: 'waterlogging',
  ...place,
  depthAlarmM: 0.27,
};

const T0 = Date.parse('2026-07-20T15:00:00+08:00');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const rain = (minutes: number, mm: number, periodMin = 5, station = gauge.code): Observation => ({
  station,
  element: 'rain',
  time: at(minutes),
  value: mm,
  periodMin,
});
const level = (minutes: number, value: number, station = river.code): Observation => ({
  station,
  element: 'level',
  time: at(minutes),
  value,
});

const engine = () => new HydroRuleEngine([gauge, river, sensor], DEFAULT_HYDRO_RULES);
const names = (changes: FiringChange[]) =>
  changes.map((c) => `${c.change} ${c.rule.id}${c.villageCode ? ` ${c.villageCode}` : ''}`);
const feed = (e: HydroRuleEngine, obs: Observation[]) => obs.flatMap((o) => names(e.observe(o)));

describe('水雨情 rules', () => {
  it('opens 短时强降水 when an hour passes 20 mm, once, and clears only below 16 mm (hysteresis)', () => {
    const e = engine();
    expect(feed(e, [rain(5, 12)])).toEqual([]);
    expect(feed(e, [rain(10, 12)])).toEqual(['open rain-short']);
    expect(feed(e, [rain(15, 2)])).toEqual([]); // 26 mm, still open, not opened again
    // 15:05 leaves the window at 16:05: 14 mm + 4 = 18 (above 16) stays open ...
    expect(feed(e, [rain(65, 4)])).toEqual([]);
    // ... and 15:10 leaving at 16:10 brings it to 2 + 4 = 6 mm: cleared.
    const cleared = e.observe(rain(70, 0));
    expect(names(cleared)).toEqual(['clear rain-short']);
    expect(cleared[0]).toMatchObject({
      value: 6,
      threshold: 20,
      unit: 'mm',
      windowH: 1,
      at: at(70),
    });
  });

  it('raises the rainstorm signals by their own windows: 50 mm in 3 h orange, 100 mm red', () => {
    const e = engine();
    const hour = (h: number, mm: number) => rain(60 * h, mm, 60);
    expect(feed(e, [hour(1, 30)])).toContain('open rain-short');
    const two = feed(e, [hour(2, 30)]);
    expect(two).toContain('open rain-orange'); // 60 mm in 3 h
    expect(two).toContain('open rain-yellow'); // 60 mm in 6 h
    expect(two).toContain('open rain-blue'); // 60 mm in 12 h
    expect(two).not.toContain('open rain-red');
    expect(feed(e, [hour(3, 45)])).toContain('open rain-red'); // 105 mm in 3 h
  });

  it("opens a village's 准备转移 at its gauge's index, and 立即转移 only past the higher one", () => {
    const e = engine();
    const changes = e.observe(rain(60, 45, 60));
    expect(names(changes)).toContain('open village-prepare 410103101201');
    expect(names(changes)).not.toContain('open village-evacuate 410103101201');
    const prepare = changes.find((c) => c.rule.id === 'village-prepare');
    expect(prepare).toMatchObject({ value: 45, threshold: 40, windowH: 1 });
    expect(names(e.observe(rain(120, 50, 60)))).toContain('open village-evacuate 410103101201'); // 95 mm in 3 h
  });

  it('counts late and out-of-order amounts where they belong, each once, and a repeat not twice', () => {
    const inOrder = engine();
    const shuffled = engine();
    const amounts = [5, 10, 15, 20, 25, 30].map((m) => rain(m, 4));
    feed(inOrder, amounts);
    feed(
      shuffled,
      [amounts[3], amounts[0], amounts[5], amounts[1], amounts[1], amounts[4], amounts[2]].flatMap(
        (a) => (a ? [a] : []),
      ),
    );
    expect(names(inOrder.openFirings())).toEqual(['open rain-short']);
    expect(names(shuffled.openFirings())).toEqual(['open rain-short']);
    expect(shuffled.openFirings()[0]?.value).toBe(inOrder.openFirings()[0]?.value);
    // The hour's own total after its 5-minute slots adds nothing.
    const e = engine();
    feed(e, [rain(5, 4), rain(10, 4)]);
    expect(feed(e, [rain(60, 30, 60)])).toEqual([]);
  });

  it('keeps what is open when a gauge falls silent, and names the gauge silent with its last time', () => {
    const e = engine();
    feed(e, [rain(5, 12), rain(10, 12)]);
    const now = T0 + 3 * 3_600_000;
    expect(names(e.openFirings())).toEqual(['open rain-short']);
    const silent = e.silent(now, 30);
    expect(silent.find((s) => s.station.id === gauge.id)?.lastAt).toBe(at(10));
    expect(silent.find((s) => s.station.id === river.id)?.lastAt).toBeNull();
  });

  it('opens 超警戒 and 超保证 at the station’s own levels, with a margin before clearing', () => {
    const e = engine();
    expect(feed(e, [level(0, 105.9), level(60, 106.4)])).toContain('open level-warning');
    expect(feed(e, [level(70, 106.35)])).toEqual([]); // within 5 cm of the line: stays
    expect(feed(e, [level(80, 106.3)])).toEqual(['clear level-warning']);
    expect(feed(e, [level(90, 108.6)])).toEqual(
      expect.arrayContaining(['open level-warning', 'open level-guarantee']),
    );
  });

  it('opens a fast rise at 0.5 m in an hour, and a waterlogged street at its alarm depth', () => {
    const e = engine();
    expect(feed(e, [level(0, 100.0), level(60, 100.6)])).toContain('open rise-fast');
    const depth = (minutes: number, value: number): Observation => ({
      ...level(minutes, value, sensor.code),
      element: 'depth',
    });
    expect(feed(e, [depth(0, 0.1), depth(5, 0.3)])).toEqual(['open depth-alarm']);
  });

  it('ignores stations it does not know', () => {
    expect(engine().observe(rain(5, 99, 5, '99999999'))).toEqual([]);
  });
});
