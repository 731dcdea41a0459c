import { describe, expect, it } from 'vitest';
import { CAP_RED, capAlert } from './cap-sample.ts';
import { capCircle, capPolygon, parseCap } from './cap.ts';

describe('CAP 1.2', () => {
  it("maps a red rainstorm alert, swapping CAP's lat,lon into GeoJSON order", () => {
    const r = parseCap(CAP_RED);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.eventType).toBe('warning:issue');
    expect(r.warning).toMatchObject({
      identifier: 'ZZQX-2021-0720-RED',
      level: 'red',
      msgType: 'Alert',
      status: 'Exercise',
    });
    expect(r.warning.areas[0]?.polygons[0]?.coordinates[0]?.[0]).toEqual([113.6, 34.7]);
    expect(r.warning.areas[0]?.circles[0]).toEqual({ center: [113.65, 34.74], radiusKm: 5 });
    expect(r.warning.areas[0]?.geocodes).toEqual(['410103']);
  });

  it('turns an Update and a Cancel into their events, with the references', () => {
    const update = CAP_RED.replace(
      '<msgType>Alert</msgType>',
      '<msgType>Update</msgType><references>zzqx@cma.example,ZZQX-1,2021-07-20T05:00:00+08:00</references>',
    );
    const u = parseCap(update);
    expect(u.ok && u.eventType).toBe('warning:update');
    expect(u.ok && u.warning.references).toEqual([
      'zzqx@cma.example,ZZQX-1,2021-07-20T05:00:00+08:00',
    ]);
    const cancel = update.replace('<msgType>Update</msgType>', '<msgType>Cancel</msgType>');
    expect(parseCap(cancel)).toMatchObject({ ok: true, eventType: 'warning:cancel' });
  });

  it('takes the level from severity when no parameter says it', () => {
    const r = parseCap(
      CAP_RED.replace(/<parameter>.*<\/parameter>/, '').replace('Extreme', 'Moderate'),
    );
    expect(r.ok && r.warning.level).toBe('yellow');
  });

  it.each([
    ['<alert><sender>x</sender></alert>', 'identifier'],
    ['not xml at all <', 'not well-formed XML'],
    ['<feed>not cap</feed>', 'no <alert>'],
    [CAP_RED.replace('<msgType>Alert</msgType>', '<msgType>Shout</msgType>'), 'msgType'],
    [CAP_RED.replace('<scope>Public</scope>', ''), 'scope'],
    [CAP_RED.replace(/<area>[\s\S]*<\/area>/, ''), 'area'],
    [CAP_RED.replace('34.70,113.60 34.70,113.70', '34.70;113.60 34.70,113.70'), 'not "lat,lon"'],
    [CAP_RED.replace('<msgType>Alert</msgType>', '<msgType>Update</msgType>'), 'must reference'],
    [capAlert({ prolog: '<!DOCTYPE alert [<!ENTITY a "aaaa">]>' }), 'a DOCTYPE is not allowed'],
    [
      capAlert({ prolog: '<!doctype alert SYSTEM "file:///etc/passwd">' }),
      'a DOCTYPE is not allowed',
    ],
    [CAP_RED.replace('34.74,113.65 5', '34.74,113.65 5000'), 'at most 300 km'],
    [
      capAlert({ polygon: Array.from({ length: 2_001 }, () => '34.7,113.6').join(' ') }),
      'at most 2000 per polygon',
    ],
    [
      CAP_RED.replace(
        '<expires>2021-07-21T06:00:00+08:00</expires>',
        '<expires>2021-07-19T06:00:00+08:00</expires>',
      ),
      'expires must be after onset',
    ],
  ])('refuses a bad alert (%#) saying "%s"', (xml, reason) => {
    const r = parseCap(xml);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toContain(reason);
  });

  it('parses polygons and circles in CAP order', () => {
    expect(capPolygon('1,2 3,4 5,6 1,2').coordinates[0]).toEqual([
      [2, 1],
      [4, 3],
      [6, 5],
      [2, 1],
    ]);
    expect(capCircle('34.7,113.6 2.5')).toEqual({ center: [113.6, 34.7], radiusKm: 2.5 });
    expect(() => capCircle('34.7 113.6')).toThrow('not "lat,lon radius"');
  });
});
