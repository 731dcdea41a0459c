/** Chinese (default). Keys are grouped by screen area; en.ts must have the same keys. */
export const zhCN = {
  app: {
    title: '应急一张图',
    subtitle: 'OneMap 应急指挥',
    loading: '正在加载地图数据…',
    loadFailed: '地图数据加载失败：{{reason}}',
    retry: '重试',
    badParam: '链接参数无效（{{reason}}），已使用默认值',
  },
  scenario: {
    label: '区域',
    erqi: '郑州市二七区',
    kaifeng: '开封市',
  },
  language: { label: '语言', zh: '中文', en: 'English' },
  about: {
    button: '关于数据',
    title: '关于 OneMap 与样例数据',
    close: '关闭',
    synthetic:
      '除县（区）边界外，本系统所示的乡镇边界、村（社区）、人口、避难场所、队伍、物资、监控、风险点、网格员与历史上报均为合成样例数据，由确定性生成器产生，不代表真实情况。',
    real: '真实来源',
    generated: '合成数据',
    counts: '数据规模',
  },
  layers: {
    counties: '县（区）界',
    townships: '乡镇（街道）',
    villages: '村（社区）',
  },
  legend: { title: '图例' },
  stats: {
    townships: '{{count}} 个乡镇（街道）',
    villages: '{{count}} 个村（社区）',
    population: '人口 {{value}}',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;
