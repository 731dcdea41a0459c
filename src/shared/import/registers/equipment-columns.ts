import type { EquipmentItem, Inventory } from '../../protocol/index.ts';
import { count, type Cell, type Parsed } from '../cells.ts';
import { words } from '../problems.ts';
import type { ColumnSpec } from '../register-spec.ts';

/** One column per stocked item, under the names registers use (冲锋舟, 救生衣, 抽水泵 …). */
const ITEMS: Readonly<Record<EquipmentItem, readonly string[]>> = {
  assault_boat: ['冲锋舟', '冲锋舟（艘）'],
  rubber_boat: ['橡皮艇', '橡皮舟'],
  drainage_pump_module: ['大功率排水方舱', '排水方舱', '排涝泵车', '龙吸水'],
  portable_pump: ['移动排水泵', '抽水泵', '水泵', '潜水泵'],
  life_detector: ['生命探测仪'],
  drone: ['无人机'],
  satellite_phone: ['卫星电话'],
  generator: ['发电机', '发电机组'],
  power_storage: ['储能电源', '移动电源'],
  piping_detector: ['管涌探测仪'],
  rescue_vehicle: ['救援车辆', '抢险车', '救援车'],
  lighting_tower: ['照明灯塔', '移动照明灯塔', '照明设备'],
  life_jacket: ['救生衣'],
  sandbag: ['编织袋/沙袋', '编织袋', '沙袋', '麻袋'],
  stone_m3: ['石料（m³）', '石料', '块石'],
  tent: ['帐篷', '救灾帐篷'],
};

export const EQUIPMENT_COLUMNS: readonly ColumnSpec[] = (
  Object.entries(ITEMS) as [EquipmentItem, readonly string[]][]
).map(([item, names]) => ({
  field: `item:${item}`,
  names,
  hint: words('数量（无则留空）', 'count (blank: none)'),
}));

/** The inventory of a row's item columns (blank or 0: not listed). */
export function inventoryOf(
  take: <T>(field: string, parse: (c: Cell) => Parsed<T>) => T | undefined,
): Inventory {
  const inventory: Inventory = {};
  for (const item of Object.keys(ITEMS) as EquipmentItem[]) {
    const n = take(`item:${item}`, count);
    if (n) inventory[item] = n;
  }
  return inventory;
}
