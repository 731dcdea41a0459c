import type {
  FiringLevel,
  FiringMark,
  Observation,
  Station,
} from '../../../shared/protocol/index.ts';

/** The level colours (brief), for firing marks; 提示 in slate. */
const MARK_COLOUR: Record<FiringLevel, string> = {
  red: '#e5262b',
  orange: '#f97a14',
  yellow: '#f5c518',
  blue: '#2f6fed',
  info: '#94a3b8',
};

/** The characteristic levels a station's chart draws, in the order of their height. */
const LEVEL_LINES = [
  ['floodLimit', '#f97a14'],
  ['warning', '#f97a14'],
  ['guarantee', '#e5262b'],
  ['design', '#a855f7'],
] as const;

export interface ChartWords {
  rain: string;
  cumulative: string;
  level: string;
  depth: string;
  lines: Record<'warning' | 'guarantee' | 'floodLimit' | 'design' | 'depthAlarm', string>;
}

/** Rain amounts summed per clock hour (ms of the hour's end → mm): bars a wall can read. */
export function hourlyRain(observations: readonly Observation[]): [number, number][] {
  const byHour = new Map<number, number>();
  // The finest amounts only: an hourly total beside its 5-minute amounts would count twice.
  const finest = Math.min(
    ...observations.filter((o) => o.element === 'rain').map((o) => o.periodMin ?? 60),
  );
  for (const o of observations) {
    if (o.element !== 'rain' || (o.periodMin ?? 60) !== finest) continue;
    const end = Math.ceil(Date.parse(o.time) / 3_600_000) * 3_600_000;
    byHour.set(end, (byHour.get(end) ?? 0) + o.value);
  }
  return [...byHour]
    .sort((a, b) => a[0] - b[0])
    .map(([t, mm]) => [t, Math.round(mm * 10) / 10] as [number, number]);
}

/**
 * The ECharts option of a station's chart: a hyetograph (hourly bars and the accumulation) for a
 * gauge, a hydrograph with its characteristic levels as lines for a river or reservoir, a depth
 * line with its alarm depth for a street sensor — and each rule firing as a mark at the time it
 * opened, in its level's colour, named.
 */
export function stationChartOption(
  station: Station,
  observations: readonly Observation[],
  firings: readonly FiringMark[],
  sinceMs: number,
  nowMs: number,
  words: ChartWords,
  ink: { text: string; grid: string },
) {
  const marks = {
    symbol: ['none', 'none'],
    silent: true,
    data: firings.map((f) => ({
      name: f.ruleName,
      xAxis: Date.parse(f.openedAt),
      lineStyle: { color: MARK_COLOUR[f.level], type: 'solid', width: 2 },
      label: {
        formatter: f.ruleName,
        color: MARK_COLOUR[f.level],
        position: 'insideEndTop',
        fontSize: 13,
      },
    })),
  };
  const common = {
    animation: false,
    textStyle: { color: ink.text, fontSize: 13 },
    grid: { left: 56, right: 56, top: 28, bottom: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'time',
      min: sinceMs,
      max: nowMs,
      axisLabel: { color: ink.text, hideOverlap: true },
      splitLine: { show: false },
    },
  };
  const axis = (name: string, extra: object = {}) => ({
    type: 'value',
    name,
    nameTextStyle: { color: ink.text },
    axisLabel: { color: ink.text },
    splitLine: { lineStyle: { color: ink.grid } },
    ...extra,
  });

  if (station.kind === 'rain') {
    const bars = hourlyRain(observations);
    let sum = 0;
    const cumulative = bars.map(([t, mm]) => [t, Math.round((sum += mm) * 10) / 10]);
    return {
      ...common,
      yAxis: [axis(words.rain), axis(words.cumulative, { splitLine: { show: false } })],
      series: [
        {
          type: 'bar',
          name: words.rain,
          data: bars,
          barMaxWidth: 14,
          itemStyle: { color: '#38bdf8' },
          markLine: marks,
        },
        {
          type: 'line',
          name: words.cumulative,
          yAxisIndex: 1,
          data: cumulative,
          showSymbol: false,
          lineStyle: { color: '#f8fafc', width: 2 },
        },
      ],
    };
  }

  const element = station.kind === 'waterlogging' ? 'depth' : 'level';
  const points = observations
    .filter((o) => o.element === element)
    .map((o) => [Date.parse(o.time), o.value]);
  const lines: { yAxis: number; name: string; colour: string }[] =
    station.kind === 'waterlogging'
      ? station.depthAlarmM === undefined
        ? []
        : [{ yAxis: station.depthAlarmM, name: words.lines.depthAlarm, colour: '#e5262b' }]
      : LEVEL_LINES.flatMap(([key, colour]) => {
          const y = station.levels?.[key];
          return y === undefined ? [] : [{ yAxis: y, name: words.lines[key], colour }];
        });
  const values = [...points.map((p) => p[1] ?? 0), ...lines.map((l) => l.yAxis)];
  const pad = 0.3;
  return {
    ...common,
    yAxis: axis(element === 'depth' ? words.depth : words.level, {
      // The levels stay in view even while the water is far below them.
      min: values.length ? Math.floor((Math.min(...values) - pad) * 10) / 10 : undefined,
      max: values.length ? Math.ceil((Math.max(...values) + pad) * 10) / 10 : undefined,
    }),
    series: [
      {
        type: 'line',
        name: element === 'depth' ? words.depth : words.level,
        data: points,
        showSymbol: points.length < 60,
        lineStyle: { color: '#38bdf8', width: 2.5 },
        itemStyle: { color: '#38bdf8' },
        markLine: {
          symbol: ['none', 'none'],
          silent: true,
          data: [
            ...lines.map((l) => ({
              name: l.name,
              yAxis: l.yAxis,
              lineStyle: { color: l.colour, type: 'dashed', width: 2 },
              label: {
                formatter: `${l.name} ${l.yAxis.toFixed(2)}`,
                color: l.colour,
                position: 'insideStartTop',
                fontSize: 13,
              },
            })),
            ...marks.data,
          ],
        },
      },
    ],
  };
}
