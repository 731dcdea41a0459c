import type { z } from 'zod';
import { AdminArea } from './admin-area.ts';
import { Camera } from './camera.ts';
import { Depot } from './depot.ts';
import { River, RoadSegment } from './geography.ts';
import { GridMember } from './grid-member.ts';
import { HazardReport, HiddenHazard } from './hazard-report.ts';
import { Callout, ResponsiblePerson } from './callout.ts';
import { Firing } from './firing.ts';
import { Incident } from './incident.ts';
import { RiskPoint } from './risk-point.ts';
import { Shelter } from './shelter.ts';
import { Station } from './station.ts';
import { Team } from './team.ts';
import { Warning } from './warning.ts';

interface CollectionInfo {
  schema: z.ZodType;
  /** Field that identifies an item. */
  key: string;
  title: string;
  titleEn: string;
  /** Properties the read API filters on with `?name=value` (OGC API – Features queryables). */
  queryables: readonly string[];
  /** Property the `datetime` parameter applies to, if any. */
  timeField: string | null;
}

const AREA = ['code', 'parentCode', 'level'] as const;
const PLACE = ['countyCode', 'townshipCode'] as const;

/** Every layer the read API serves, one OGC API – Features collection each, per scenario. */
export const COLLECTIONS = {
  cities: {
    schema: AdminArea,
    key: 'code',
    title: '市',
    titleEn: 'City',
    queryables: AREA,
    timeField: null,
  },
  counties: {
    schema: AdminArea,
    key: 'code',
    title: '县（区）',
    titleEn: 'Counties and districts',
    queryables: AREA,
    timeField: null,
  },
  townships: {
    schema: AdminArea,
    key: 'code',
    title: '乡镇（街道）',
    titleEn: 'Townships',
    queryables: AREA,
    timeField: null,
  },
  villages: {
    schema: AdminArea,
    key: 'code',
    title: '村（社区）',
    titleEn: 'Villages and communities',
    queryables: AREA,
    timeField: null,
  },
  'risk-points': {
    schema: RiskPoint,
    key: 'id',
    title: '防汛风险点',
    titleEn: 'Flood risk points',
    queryables: ['type', 'level', 'status', 'villageCode', ...PLACE],
    timeField: null,
  },
  shelters: {
    schema: Shelter,
    key: 'id',
    title: '避难场所',
    titleEn: 'Shelters',
    queryables: ['type', 'status', 'villageCode', ...PLACE],
    timeField: null,
  },
  teams: {
    schema: Team,
    key: 'id',
    title: '救援队伍',
    titleEn: 'Rescue teams',
    queryables: ['kind', 'status', ...PLACE],
    timeField: null,
  },
  depots: {
    schema: Depot,
    key: 'id',
    title: '物资仓库',
    titleEn: 'Equipment depots',
    queryables: ['level', ...PLACE],
    timeField: null,
  },
  cameras: {
    schema: Camera,
    key: 'id',
    title: '视频监控',
    titleEn: 'Cameras',
    queryables: ['site', 'online', ...PLACE],
    timeField: null,
  },
  'grid-members': {
    schema: GridMember,
    key: 'id',
    title: '网格员',
    titleEn: 'Grid members',
    queryables: ['online', 'fullTime', 'villageCode', ...PLACE],
    timeField: null,
  },
  'responsible-persons': {
    schema: ResponsiblePerson,
    key: 'id',
    title: '包保责任人',
    titleEn: 'Responsible persons',
    queryables: ['role', 'areaCode', 'countyCode', 'townshipCode'],
    timeField: null,
  },
  stations: {
    schema: Station,
    key: 'id',
    title: '水雨情测站',
    titleEn: 'Rain and water stations',
    queryables: ['kind', 'code', ...PLACE],
    timeField: null,
  },
  'hazard-reports': {
    schema: HazardReport,
    key: 'id',
    title: '历史事件上报',
    titleEn: 'Hazard reports (history)',
    queryables: ['category', 'status', ...PLACE],
    timeField: 'time',
  },
  'hidden-hazards': {
    schema: HiddenHazard,
    key: 'id',
    title: '隐患',
    titleEn: 'Hidden hazards',
    queryables: ['category', 'level', 'status', ...PLACE],
    timeField: 'reportedAt',
  },
  'open-hazards': {
    schema: HiddenHazard,
    key: 'id',
    title: '在办隐患',
    titleEn: 'Open hidden hazards',
    queryables: ['category', 'level', 'status', ...PLACE],
    timeField: 'reportedAt',
  },
  incidents: {
    schema: Incident,
    key: 'id',
    title: '突发事件',
    titleEn: 'Incidents',
    queryables: ['type', 'severity', 'status', ...PLACE],
    timeField: 'reportedAt',
  },
  firings: {
    schema: Firing,
    key: 'id',
    title: '水雨情告警',
    titleEn: 'Rule firings (rain and water)',
    queryables: ['level', 'ruleKind', 'stationKind', 'station', ...PLACE],
    timeField: 'openedAt',
  },
  callouts: {
    schema: Callout,
    key: 'id',
    title: '叫应',
    titleEn: 'Call-and-answer',
    queryables: ['status', 'tier', 'role', 'ref', 'areaCode', 'countyCode', 'townshipCode'],
    timeField: 'openedAt',
  },
  warnings: {
    schema: Warning,
    key: 'identifier',
    title: '预警',
    titleEn: 'Warnings',
    queryables: ['level', 'msgType', 'event'],
    timeField: 'sent',
  },
  roads: {
    schema: RoadSegment,
    key: 'id',
    title: '道路',
    titleEn: 'Roads',
    queryables: ['class'],
    timeField: null,
  },
  rivers: {
    schema: River,
    key: 'id',
    title: '河流',
    titleEn: 'Rivers',
    queryables: [],
    timeField: null,
  },
} as const satisfies Record<string, CollectionInfo>;

export type CollectionId = keyof typeof COLLECTIONS;
export type EntityOf<C extends CollectionId> = z.infer<(typeof COLLECTIONS)[C]['schema']>;
export const COLLECTION_IDS = Object.keys(COLLECTIONS) as CollectionId[];

export function isCollectionId(id: string): id is CollectionId {
  return Object.hasOwn(COLLECTIONS, id);
}
