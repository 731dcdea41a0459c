import { describe, expect, it } from 'vitest';
import { BadRequest, parseBbox, parseDatetime, parseItemsQuery } from './ogc-params.ts';

const queryables = ['status', 'townshipCode'];

describe('items query parameters', () => {
  it('defaults limit and offset and passes queryable filters', () => {
    expect(parseItemsQuery({ status: 'open' }, queryables, null)).toEqual({
      limit: 100,
      offset: 0,
      query: { filters: { status: 'open' } },
    });
  });

  it.each([
    [{ limit: '0' }, 'limit must be between 1 and 10000'],
    [{ limit: 'ten' }, 'limit must be a whole number'],
    [{ offset: '-1' }, 'offset must be a whole number'],
    [
      { colour: 'red' },
      'unknown parameter "colour"; this collection accepts: limit, offset, bbox, datetime, f, status, townshipCode',
    ],
    [{ f: 'xml' }, 'f must be json or geojson'],
    [{ limit: ['1', '2'] }, 'limit may be given only once'],
    [{ datetime: '2021-07-20' }, 'this collection has no time'],
  ])('rejects %j: %s', (params, reason) => {
    const parse = () => parseItemsQuery(params, queryables, null);
    expect(parse).toThrow(BadRequest);
    expect(parse).toThrow(reason);
  });
});

describe('bbox', () => {
  it('reads minLon,minLat,maxLon,maxLat', () => {
    expect(parseBbox('113.5,34.6,113.7,34.8')).toEqual([113.5, 34.6, 113.7, 34.8]);
  });

  it.each([
    ['1,2,3', 'bbox must be 4 numbers'],
    ['1,2,3,4,5,6', 'heights (6 numbers) is not supported'],
    ['a,2,3,4', 'not a number'],
    ['1,,3,4', 'not a number'],
    ['113,35,114,34', 'minLat is greater than maxLat'],
    ['-200,30,114,35', 'outside WGS84 bounds'],
    ['114,30,113,35', 'antimeridian'],
  ])('rejects %s', (raw, reason) => {
    expect(() => parseBbox(raw)).toThrow(reason);
  });
});

describe('datetime', () => {
  it('reads instants and open or closed intervals', () => {
    const t = Date.parse('2021-07-20T16:00:00+08:00');
    expect(parseDatetime('2021-07-20T16:00:00+08:00')).toEqual({ start: t, end: t });
    expect(parseDatetime('../2021-07-20T16:00:00+08:00')).toEqual({ start: null, end: t });
    expect(parseDatetime('2021-07-20T16:00:00+08:00/..')).toEqual({ start: t, end: null });
  });

  it.each([
    ['yesterday', 'not an RFC 3339 date-time'],
    ['2021-07-21/2021-07-20', 'ends before it starts'],
    ['2021-02-30T00:00:00Z', 'not a valid date'],
    ['a/b/c', 'must be start/end'],
  ])('rejects %s', (raw, reason) => {
    expect(() => parseDatetime(raw)).toThrow(reason);
  });
});
