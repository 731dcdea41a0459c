/**
 * Element identifiers (要素标识符) of SL 651-2014 appendix C, table C.1, for what OneMap reads:
 * rainfall, water levels, the supply voltage and the station's status word. Each element is its
 * identifier, a data-definition byte (high 5 bits: value bytes, low 3: decimal places) and the
 * value; the length is read from that byte, never from this table (real RTUs send water level as
 * 39 1A, 3 bytes, where the table says 39 23).
 */
export type ElementKind =
  /** Rain that fell in `periodMin` minutes ending at the observation time (mm). */
  | { kind: 'rain'; periodMin: number }
  /** Rain counted since the gauge was reset (mm): a counter, not an amount for a period. */
  | { kind: 'rain-total' }
  /** 当前降水量: the amount since the last report, as the RTU counts it (mm). */
  | { kind: 'rain-current' }
  /** Water level (m on the station's datum). */
  | { kind: 'level'; which: 'river' | 'downstream' | 'upstream' | 'intake' }
  | { kind: 'voltage' }
  | { kind: 'status' }
  /** Time step (时间步长码) of the series that follow. */
  | { kind: 'step' }
  /** Twelve 5-minute rain amounts in the hour (binary, 0.1 mm, FF missing). */
  | { kind: 'rain-5min' }
  /** Twelve 5-minute relative water levels in the hour (binary, 0.01 m, FFFF missing). */
  | { kind: 'level-5min'; sensor: number }
  /** Flows and other elements OneMap does not read: decoded and kept, not observed. */
  | { kind: 'other' };

export interface ElementSpec {
  code: string;
  name: string;
  kind: ElementKind;
}

const rain = (periodMin: number): ElementKind => ({ kind: 'rain', periodMin });
const table: [number, string, string, ElementKind][] = [
  [0x04, 'DRxnn', '时间步长码', { kind: 'step' }],
  [0x1a, 'P1', '1小时时段降水量', rain(60)],
  [0x1b, 'P2', '2小时时段降水量', rain(120)],
  [0x1c, 'P3', '3小时时段降水量', rain(180)],
  [0x1d, 'P6', '6小时时段降水量', rain(360)],
  [0x1e, 'P12', '12小时时段降水量', rain(720)],
  [0x1f, 'PD', '日降水量', rain(1440)],
  [0x20, 'PJ', '当前降水量', { kind: 'rain-current' }],
  [0x21, 'PN01', '1分钟时段降水量', rain(1)],
  [0x22, 'PN05', '5分钟时段降水量', rain(5)],
  [0x23, 'PN10', '10分钟时段降水量', rain(10)],
  [0x24, 'PN30', '30分钟时段降水量', rain(30)],
  [0x25, 'PR', '暴雨量', { kind: 'other' }],
  [0x26, 'PT', '降水量累计值', { kind: 'rain-total' }],
  [0x27, 'Q', '瞬时流量', { kind: 'other' }],
  [0x30, 'QA', '总出库流量', { kind: 'other' }],
  [0x38, 'VT', '电源电压', { kind: 'voltage' }],
  [0x39, 'Z', '瞬时河道水位', { kind: 'level', which: 'river' }],
  [0x3a, 'ZB', '库（闸、站）下水位', { kind: 'level', which: 'downstream' }],
  [0x3b, 'ZU', '库（闸、站）上水位', { kind: 'level', which: 'upstream' }],
  ...Array.from({ length: 8 }, (_, i): [number, string, string, ElementKind] => [
    0x3c + i,
    `Z${i + 1}`,
    `取（排）水口水位${i + 1}`,
    { kind: 'level', which: 'intake' },
  ]),
  [0x45, 'ZT', '遥测站状态及报警信息', { kind: 'status' }],
  [0xf4, 'DRP', '1小时内每5分钟时段雨量', { kind: 'rain-5min' }],
  ...Array.from({ length: 8 }, (_, i): [number, string, string, ElementKind] => [
    0xf5 + i,
    `DRZ${i + 1}`,
    `1小时内5分钟间隔相对水位${i + 1}`,
    { kind: 'level-5min', sensor: i + 1 },
  ]),
];

export const ELEMENTS: ReadonlyMap<number, ElementSpec> = new Map(
  table.map(([id, code, name, kind]) => [id, { code, name, kind }]),
);

/** Guide bytes (引导符) that are followed by themselves instead of a data-definition byte. */
export const GUIDE = { time: 0xf0, station: 0xf1, manual: 0xf2, picture: 0xf3, extended: 0xff };

/** Station category codes (遥测站分类码, appendix A). */
export const STATION_TYPES: Readonly<Record<number, string>> = {
  0x50: 'rain',
  0x48: 'river',
  0x4b: 'reservoir',
  0x5a: 'sluice',
  0x44: 'pump',
  0x54: 'tide',
  0x4d: 'soil-moisture',
  0x47: 'groundwater',
  0x51: 'water-quality',
  0x49: 'intake',
  0x4f: 'outfall',
};
