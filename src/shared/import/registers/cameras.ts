import type { CameraSite } from '../../protocol/index.ts';
import { number, oneOf, text, yesNo, YES_NO_CHOICES } from '../cells.ts';
import { words } from '../problems.ts';
import { cellReader, type Built, type RegisterSpec, EXAMPLE_PLACE } from '../register-spec.ts';

const SITE = oneOf<CameraSite>(
  {
    risk_point: ['风险点', '隐患点'],
    river: ['河道', '河流', '水库'],
    road: ['道路路口', '道路', '路口'],
    shelter: ['避难场所'],
    square: ['广场'],
    school: ['学校'],
    depot: ['物资库', '仓库'],
    underpass: ['下穿通道', '下穿', '隧道'],
  },
  words('点位类型', 'site'),
);

/**
 * 视频监控点位: where a camera is, what it looks at (bearing, field of view, range) and its HLS
 * stream. Direction and view default to a 90° view north over 150 m when the register lacks them.
 */
export const CAMERAS: RegisterSpec<'cameras'> = {
  collection: 'cameras',
  name: words('视频监控', 'cameras'),
  idPrefix: 'CAM',
  example: {
    name: '示例：某某桥下穿通道',
    site: '下穿通道',
    streamUrl: 'https://video.example.cn/live/1.m3u8',
    bearing: 90,
    ...EXAMPLE_PLACE,
  },
  columns: [
    {
      field: 'name',
      names: ['点位名称', '监控点名称', '摄像头名称', '名称'],
      required: true,
      hint: words('名称', 'name'),
    },
    {
      field: 'site',
      names: ['点位类型', '监控类型', '类型'],
      required: true,
      hint: words('河道/道路路口/下穿通道…', 'site'),
      choices: SITE.choices,
    },
    {
      field: 'streamUrl',
      names: ['视频流地址', '流地址', 'HLS地址', 'URL', 'url'],
      required: true,
      hint: words('HLS 地址（.m3u8）', 'HLS URL (.m3u8)'),
    },
    {
      field: 'bearing',
      names: ['朝向', '方位角'],
      hint: words('度，正北为 0，默认 0', 'degrees from north (default 0)'),
    },
    { field: 'fov', names: ['视场角', '视角'], hint: words('度，默认 90', 'degrees (default 90)') },
    {
      field: 'rangeM',
      names: ['可视距离', '监控距离'],
      hint: words('米，默认 150', 'metres (default 150)'),
    },
    {
      field: 'online',
      names: ['在线', '是否在线', '状态'],
      hint: words('是/否，默认是', 'yes/no (default yes)'),
      choices: YES_NO_CHOICES,
    },
  ],
  build(row) {
    const out: Built<'cameras'> = { fields: {}, problems: [] };
    const take = cellReader(row, out);
    const f = out.fields;
    f.name = text(row.get('name'));
    f.site = take('site', SITE);
    const url = text(row.get('streamUrl'));
    // Played in the console: a web address or one on the gateway, nothing else (no javascript:).
    if (url && !/^(https?:\/\/|\/)/i.test(url))
      out.problems.push({
        field: 'streamUrl',
        level: 'error',
        value: url,
        reason: words(
          '视频流地址应以 http://、https:// 或 / 开头',
          'the stream address must start with http://, https:// or /',
        ),
      });
    else f.streamUrl = url;
    f.bearing = take('bearing', number) ?? 0;
    f.fov = take('fov', number) ?? 90;
    f.rangeM = take('rangeM', number) ?? 150;
    f.online = take('online', yesNo) ?? true;
    return out;
  },
};
