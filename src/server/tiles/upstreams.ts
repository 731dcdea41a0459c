import type { BasemapCrs, BasemapId } from '../../shared/protocol/index.ts';

/**
 * Tile services the gateway fetches from on behalf of the consoles ({s} a subdomain, {key} the
 * Tianditu key). Consoles only ever ask the gateway; the key never reaches a browser.
 */
export const DEFAULT_UPSTREAMS: Readonly<Record<string, string>> = {
  osm: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  'tdt-vec':
    'https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}',
  'tdt-cva':
    'https://t{s}.tianditu.gov.cn/cva_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=cva&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}',
  'tdt-img':
    'https://t{s}.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}',
  'tdt-cia':
    'https://t{s}.tianditu.gov.cn/cia_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=cia&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}',
  'gaode-road':
    'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
  'gaode-sat': 'https://webst0{s}.is.autonavi.com/appmaptile?style=6&x={x}&y={y}&z={z}',
  'gaode-sat-labels': 'https://webst0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}',
};

const SUBDOMAINS: Readonly<Record<string, readonly string[]>> = {
  tdt: ['0', '1', '2', '3', '4', '5', '6', '7'],
  gaode: ['1', '2', '3', '4'],
};

/** The upstream URL of one tile, subdomain spread by tile so browsers' caches stay stable. */
export function upstreamUrl(
  template: string,
  tile: { z: number; x: number; y: number },
  key: string,
): string {
  const subs = template.includes('tianditu') ? SUBDOMAINS.tdt : SUBDOMAINS.gaode;
  const s = subs?.[(tile.x + tile.y) % subs.length] ?? '';
  return template
    .replaceAll('{s}', s)
    .replaceAll('{z}', String(tile.z))
    .replaceAll('{x}', String(tile.x))
    .replaceAll('{y}', String(tile.y))
    .replaceAll('{key}', encodeURIComponent(key));
}

/** Which proxied services make up each raster preset, its datum, zoom limit and credit. */
export const RASTER_PRESETS: Readonly<
  Partial<
    Record<
      BasemapId,
      {
        sources: readonly string[];
        crs: BasemapCrs;
        maxzoom: number;
        attribution: string;
        key?: true;
      }
    >
  >
> = {
  osm: {
    sources: ['osm'],
    crs: 'wgs84',
    maxzoom: 19,
    attribution: '© OpenStreetMap contributors',
  },
  'tianditu-vec': {
    sources: ['tdt-vec', 'tdt-cva'],
    crs: 'wgs84',
    maxzoom: 18,
    attribution: '天地图 © 国家地理信息公共服务平台',
    key: true,
  },
  'tianditu-img': {
    sources: ['tdt-img', 'tdt-cia'],
    crs: 'wgs84',
    maxzoom: 18,
    attribution: '天地图 © 国家地理信息公共服务平台',
    key: true,
  },
  gaode: { sources: ['gaode-road'], crs: 'gcj02', maxzoom: 18, attribution: '© 高德地图' },
  'gaode-sat': {
    sources: ['gaode-sat', 'gaode-sat-labels'],
    crs: 'gcj02',
    maxzoom: 18,
    attribution: '© 高德地图',
  },
};
