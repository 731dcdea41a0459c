// shpjs ships no types; the call OneMap makes (a shapefile's parts in, GeoJSON in WGS-84 out).
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  export default function shp(parts: {
    shp: Uint8Array;
    dbf?: Uint8Array;
    prj?: string;
    cpg?: string;
  }): Promise<FeatureCollection>;
}
