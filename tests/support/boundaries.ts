/** A square area [w, s, e, n] as a boundary feature, with its statistical code and name. */
export const square = (
  code: string,
  name: string,
  [w, s, e, n]: [number, number, number, number],
  extra: Record<string, unknown> = {},
) => ({
  type: 'Feature',
  properties: { 统计用区划代码: code, 名称: name, 常住人口: 1000, ...extra },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  },
});

/** A made-up county: two townships, three villages, 12-digit codes as the statistics give them. */
export const SHILI = [
  square('410999000000', '示例县', [114.0, 34.5, 114.2, 34.6]),
  square('410999001000', '东城街道', [114.0, 34.5, 114.1, 34.6]),
  square('410999002000', '西岭镇', [114.1, 34.5, 114.2, 34.6]),
  square('410999001001', '一号社区', [114.0, 34.5, 114.05, 34.6]),
  square('410999001002', '二号社区', [114.05, 34.5, 114.1, 34.6]),
  square('410999002001', '岭下村', [114.1, 34.5, 114.2, 34.6]),
];

export const featureCollection = (features: object[]) =>
  JSON.stringify({ type: 'FeatureCollection', features });
