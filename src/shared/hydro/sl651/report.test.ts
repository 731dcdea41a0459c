import { describe, expect, it } from 'vitest';
import type { StationKind } from '../../protocol/index.ts';
import { concat, fromHex, toBcd, toHex } from './bytes.ts';
import { decodeFrame, encodeFrame, End, type Frame } from './frame.ts';
import { observationsOf } from './observations.ts';
import { answerFor, bcdNumber, decodeReport, type Report } from './report.ts';

/**
 * Frames published by independent implementations, CRC and all, as their authors give them
 * (checked against our CRC here, not copied from our encoder):
 * - E1–E5: yu-xiaoyao/sl651-2014-server, netty-client/.../Sl651ClientApplication.java:115–123
 *   (E3 also in its CrcUtilTest.java:35–40, which expects CRC A421);
 * - E6: handsomestWei/sl651-2014 src/main/java/com/wjy/sl6512014/util/Crc16Util.java:70–71,
 *   the same frame in 64673a/SL651-2014 samples/regular_report.hex;
 * - E7, E8: the vendor document in 64673a/SL651-2014 (REF-SL651报文分析-公司来(1).docx), a real
 *   device's hourly report with FF for missing values, and a report with AA and an FFxx element.
 */
const E1 = '7E7E01001234567812342F0008020003591011155111036BCA';
const E2 =
  '7E7E010012345678123430002B020003591011154947F1F1001234567848F0F0591011154920190000052619000005392300000127381211150320FA';
const E3 =
  '7E7E05001122334403E832002B020034170718110016F1F1001122334448F0F01707181100201900004026190000403923000104903812109903A421';
const E4 =
  '7E7E05001122334403E833002B020026170718102202F1F1001122334448F0F01707181022201900004026190000403923000104903812110203F511';
const E5 =
  '7E7E05001122334403E8340068020033170718110014F1F1001122334448F0F01707181005F4600500000014FFFFFFFFFF0000F0F017071811002619000040F0F01707181005F5C0000C000C001C00310031FFFFFFFFFFFFFFFFFFFF00310031F0F0170718110039230001049020190000403812109903F502';
const E6 =
  '7E7E010010100001A00032002B02000C200724172349F1F1001010000148F0F020072417232019000130221900004039230000055038121268038397';
const E7 =
  '7E7EFF8004040135123434005702070B220926093001F1F1800404013548F0F02209260930F460000000000000FFFFFFFFFFFFF5C0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF261900234520190000001A19000000391AFFFFFF381213380334E6';
const E8 =
  '7E7E011122334455AAAA320032020003240109153000F1F1112233445548F0F02401091530221900000020190000353923AAAAAAAAFF11230000000838121244030827';

function decoded(hex: string): { frame: Frame; report: Report } {
  const bytes = fromHex(hex);
  if (!bytes) throw new Error('not hex');
  const f = decodeFrame(bytes);
  if (!f.ok) throw new Error(`${f.reason}: ${f.detail}`);
  const r = decodeReport(f.frame);
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
  return { frame: f.frame, report: r.report };
}

const values = (report: Report) =>
  Object.fromEntries(
    (report.stations[0]?.readings ?? []).map((r) => [r.element.code, r.values ?? r.value]),
  );

describe('SL 651 reports: independent published frames', () => {
  it('reads a link-keep report (E1) and does not answer it', () => {
    const { frame, report } = decoded(E1);
    expect(frame).toMatchObject({ centre: 1, station: '0012345678', password: 0x1234, fn: 0x2f });
    expect(report).toMatchObject({ serial: 3, sentAt: '2059-10-11T15:51:11+08:00', stations: [] });
    expect(answerFor(frame, report)).toBeNull();
  });

  it('reads test, timed and added reports (E2–E4, E6): rain, level, voltage', () => {
    expect(values(decoded(E2).report)).toEqual({ PJ: 0.5, PT: 0.5, Z: 0.127, VT: 11.15 });
    const e3 = decoded(E3);
    expect(e3.report).toMatchObject({ serial: 52, sentAt: '2017-07-18T11:00:16+08:00' });
    expect(e3.report.stations[0]).toMatchObject({ station: '0011223344', typeName: 'river' });
    expect(values(e3.report)).toEqual({ PJ: 4, PT: 4, Z: 10.49, VT: 10.99 });
    expect(values(decoded(E4).report)).toEqual({ PJ: 4, PT: 4, Z: 10.49, VT: 11.02 });
    expect(values(decoded(E6).report)).toEqual({ PJ: 13, PN05: 4, Z: 0.55, VT: 12.68 });
  });

  it('reads an hourly report with repeated observation times and 5-minute series (E5)', () => {
    const { report } = decoded(E5);
    const readings = report.stations[0]?.readings ?? [];
    expect(readings.map((r) => [r.element.code, r.time.slice(11, 16)])).toEqual([
      ['DRP', '10:05'],
      ['PT', '11:00'],
      ['DRZ1', '10:05'],
      ['Z', '11:00'],
      ['PJ', '11:00'],
      ['VT', '11:00'],
    ]);
    const v = values(report);
    expect(v.DRP).toEqual([0.5, 0, 0, 0, 2, null, null, null, null, null, 0, 0]);
    expect(v.DRZ1).toEqual([
      0.12,
      0.12,
      0.28,
      0.49,
      0.49,
      null,
      null,
      null,
      null,
      null,
      0.49,
      0.49,
    ]);
  });

  it("reads a real device's hourly report with FF for missing values (E7), and AA and FFxx (E8)", () => {
    const e7 = decoded(E7);
    expect(e7.frame).toMatchObject({ centre: 255, station: '8004040135' });
    expect(values(e7.report)).toMatchObject({ PT: 234.5, PJ: 0, P1: 0, Z: null, VT: 13.38 });
    const e8 = decoded(E8);
    expect(e8.frame.password).toBe(0xaaaa);
    expect(values(e8.report)).toEqual({ PN05: 0, PJ: 3.5, Z: null, VT: 12.44 });
    expect(e8.report.skipped).toEqual(['FF11']);
  });

  it('answers with the serial and send time echoed and ESC, as the published answers do', () => {
    // Answers printed in the same vendor document (64673a/SL651-2014, DOCX ¶171 and ¶139) with
    // the uplink's send time put back — the printed CRCs verify only then, so these two are a
    // reconstruction, not verbatim frames.
    const e4 = decoded(E4);
    const answer = answerFor(e4.frame, e4.report);
    expect(answer && toHex(encodeFrame(answer))).toBe(
      '7E7E00112233440503E83380080200261707181022021B47F8',
    );
    const e2 = decoded(E2);
    const a2 = answerFor(e2.frame, e2.report);
    expect(a2 && toHex(encodeFrame(a2))).toBe('7E7E00123456780112343080080200035910111549471B75D4');
  });

  it('decodes a verbatim published answer as a downlink frame (DOCX ¶141)', () => {
    const f = decodeFrame(
      fromHex('7E7E112233445501AAAA3080080200052401101420331BF1CC') ?? new Uint8Array(),
    );
    expect(f.ok && f.frame).toMatchObject({
      direction: 'down',
      station: '1122334455',
      centre: 1,
      end: End.ESC,
    });
  });
});

describe('SL 651 reports: frames built byte by byte', () => {
  // A rain gauge 0041 3021 00 (hydrology station, code 41302100) reporting an hour of rain.
  const header = (serial: number) => concat(serial >> 8, serial & 0xff, toBcd('260720170005'));
  const station = concat(0xf1, 0xf1, toBcd('0041302100'), 0x50);
  const at = (yymmddhhmm: string) => concat(0xf0, 0xf0, toBcd(yymmddhhmm));
  const hourly = (body: Uint8Array, end: number = End.ETX): Frame => ({
    direction: 'up',
    centre: 1,
    station: '0041302100',
    password: 0x1234,
    fn: 0x34,
    body,
    end,
  });
  const rain5 = concat(0xf4, 0x60, Uint8Array.from([0, 12, 35, 80, 255, 120, 64, 30, 10, 0, 0, 5]));

  it('turns an hourly report into 5-minute rain amounts, never also the hour total', () => {
    // 1 h rain 35.6 mm (1A 19 000356) alongside the series: only the series becomes rain.
    const body = concat(header(7), station, at('2607201605'), rain5, 0x1a, 0x19, toBcd('000356'));
    const f = decodeFrame(encodeFrame(hourly(body)));
    if (!f.ok) throw new Error(f.reason);
    const r = decodeReport(f.frame);
    if (!r.ok) throw new Error(r.reason);
    const kinds: Record<string, StationKind> = { '41302100': 'rain' };
    const { observations, unknown } = observationsOf(r.report, (code) => kinds[code]);
    expect(unknown).toEqual([]);
    expect(observations).toHaveLength(11); // one slot missing (FF)
    expect(observations[0]).toEqual({
      station: '41302100',
      element: 'rain',
      time: '2026-07-20T16:05:00+08:00',
      value: 0,
      periodMin: 5,
    });
    expect(observations.at(-1)).toMatchObject({ time: '2026-07-20T17:00:00+08:00', value: 0.5 });
    // The series adds up to the hour total, which is not counted a second time.
    expect(observations.reduce((s, o) => s + o.value, 0)).toBeCloseTo(35.6, 6);
    // An address OneMap does not know is named, not observed.
    expect(observationsOf(r.report, () => undefined)).toEqual({
      observations: [],
      unknown: ['0041302100'],
    });
  });

  it('reads levels as levels, depths for waterlogging sensors, and negative values', () => {
    const body = concat(header(8), station, at('2607201700'), 0x39, 0x2b, 0xff, toBcd('00001234'));
    const f = decodeFrame(encodeFrame(hourly(body)));
    const r = f.ok ? decodeReport(f.frame) : null;
    if (!r?.ok) throw new Error('not decoded');
    const depth = observationsOf(r.report, () => 'waterlogging').observations;
    expect(depth).toEqual([
      { station: '41302100', element: 'depth', time: '2026-07-20T17:00:00+08:00', value: -1.234 },
    ]);
    expect(observationsOf(r.report, () => 'river').observations[0]?.element).toBe('level');
    expect(bcdNumber(Uint8Array.from([0xff, 0xff, 0xff]), 2)).toBeNull();
    expect(bcdNumber(Uint8Array.from([0xaa, 0xaa]), 1)).toBeNull();
  });

  it('answers a block that says more follow with ACK', () => {
    const report = decodeReport(hourly(concat(header(9), station), End.ETB));
    if (!report.ok) throw new Error(report.reason);
    expect(answerFor(hourly(new Uint8Array(0), End.ETB), report.report)?.end).toBe(End.ACK);
  });

  it('refuses an unknown element, a bad time, a value that is not BCD, a cut body and an unread function', () => {
    const refusal = (body: Uint8Array, fn = 0x34) => {
      const r = decodeReport({ ...hourly(body), fn });
      return r.ok ? 'ok' : r.reason;
    };
    expect(refusal(concat(header(1), station, at('2607201700'), 0x99, 0x19, toBcd('000001')))).toBe(
      'element',
    );
    expect(refusal(concat(header(1), station, at('2613201700')))).toBe('time');
    expect(
      refusal(concat(header(1), station, at('2607201700'), 0x39, 0x23, 0x12, 0x3a, 0, 0)),
    ).toBe('value');
    expect(refusal(concat(header(1), station, at('2607201700'), 0x39, 0x23, 0x12))).toBe('body');
    expect(refusal(concat(header(1), 0x39, 0x23, 0, 0, 0, 0))).toBe('body');
    expect(refusal(header(1), 0x36)).toBe('function');
  });
});
