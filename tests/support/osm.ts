import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/**
 * A hand-made OSM extract near (lon, lat), in metres east/north of it:
 *
 *     A ──── B          A→B is one-way (Main St, oneway=yes), B→D→C→A the two-way way round;
 *     │      │          B–D crosses a river strip on a bridge (bridge=yes), C–D runs along the
 *     C ──── D          strip on the ground; maxspeed 20 on the side street A–C; a footway A–D
 *                       (not for cars), and a way whose last node is not in the file.
 */
export function smallTown(lon: number, lat: number) {
  const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
  const at = (east: number, north: number): [number, number] => [
    lon + east / kx,
    lat + north / 110_574,
  ];
  const nodes = {
    1: at(0, 500), // A
    2: at(1_000, 500), // B
    3: at(0, 0), // C
    4: at(1_000, 0), // D
    5: at(1_000, 250), // on the bridge, between B and D
    6: at(500, 0), // between C and D
  } as const;
  const ways = [
    { id: 10, refs: [1, 2], tags: { highway: 'primary', oneway: 'yes', name: '中山路' } },
    { id: 11, refs: [2, 5, 4], tags: { highway: 'secondary', name: '滨河桥', bridge: 'yes' } },
    { id: 12, refs: [4, 6, 3], tags: { highway: 'secondary', name: '滨河路' } },
    { id: 13, refs: [3, 1], tags: { highway: 'residential', maxspeed: '20', name: '小巷' } },
    { id: 14, refs: [1, 4], tags: { highway: 'footway' } },
    { id: 15, refs: [2, 99], tags: { highway: 'service' } },
  ];
  const xml = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<osm version="0.6" generator="onemap-test">`,
    ...Object.entries(nodes).map(
      ([id, [x, y]]) =>
        `  <node id="${id}" version="1" lat="${y.toFixed(7)}" lon="${x.toFixed(7)}"/>`,
    ),
    ...ways.map((w) =>
      [
        `  <way id="${w.id}" version="1">`,
        ...w.refs.map((r) => `    <nd ref="${r}"/>`),
        ...Object.entries(w.tags).map(([k, v]) => `    <tag k="${k}" v="${v}"/>`),
        `  </way>`,
      ].join('\n'),
    ),
    `</osm>`,
  ].join('\n');
  return { nodes, xml };
}

/** Writes the town as .osm, and as .osm.pbf through Debian's osmium (a real PBF writer). */
export function writeSmallTown(dir: string, lon: number, lat: number) {
  const town = smallTown(lon, lat);
  const osm = `${dir}/town.osm`;
  const pbf = `${dir}/town.osm.pbf`;
  writeFileSync(osm, town.xml);
  execFileSync('osmium', ['cat', osm, '-o', pbf, '--overwrite']);
  return { ...town, osm, pbf };
}
