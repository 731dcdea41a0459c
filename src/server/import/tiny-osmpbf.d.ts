// tiny-osmpbf ships no types; the call OneMap makes (OSM-JSON elements through a handler).
declare module 'tiny-osmpbf' {
  export type OsmElement =
    | { type: 'node'; id: number; lat: number; lon: number; tags?: Record<string, string> }
    | { type: 'way'; id: number; nodes: number[]; tags?: Record<string, string> }
    | { type: 'relation'; id: number; tags?: Record<string, string> };
  export default function tinyosmpbf(
    data: Uint8Array,
    handler?: (element: OsmElement) => void,
  ): { elements?: OsmElement[] };
}
