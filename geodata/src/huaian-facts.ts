// Huai'an as data: county-level units, development zones at approximate real positions, and the "7+3" clusters.
import type { ZoneLevel } from './types.ts';

export interface DistrictFact {
  code: string;
  name: string;
  nameEn: string;
  /** Names the boundary source may use for this unit (older or merged names included). */
  sourceNames: string[];
  /** Short pinyin prefix for synthetic codes. */
  abbr: string;
}

export const DISTRICTS: readonly DistrictFact[] = [
  {
    code: '320803',
    name: '淮安区',
    nameEn: "Huai'an District",
    sourceNames: ['淮安区', '楚州区'],
    abbr: 'HAQ',
  },
  { code: '320804', name: '淮阴区', nameEn: 'Huaiyin District', sourceNames: ['淮阴区'], abbr: 'HY' },
  {
    code: '320812',
    name: '清江浦区',
    nameEn: 'Qingjiangpu District',
    sourceNames: ['清江浦区', '清河区', '清浦区'],
    abbr: 'QJP',
  },
  {
    code: '320813',
    name: '洪泽区',
    nameEn: 'Hongze District',
    sourceNames: ['洪泽区', '洪泽县'],
    abbr: 'HZ',
  },
  { code: '320826', name: '涟水县', nameEn: 'Lianshui County', sourceNames: ['涟水县'], abbr: 'LS' },
  { code: '320830', name: '盱眙县', nameEn: 'Xuyi County', sourceNames: ['盱眙县'], abbr: 'XY' },
  { code: '320831', name: '金湖县', nameEn: 'Jinhu County', sourceNames: ['金湖县'], abbr: 'JH' },
];

/** The city's "7+3" industry clusters (seven leading, three pilot). */
export const INDUSTRIES = [
  '新能源及装备',
  '新能源汽车及零部件',
  '纤维新材料',
  '化工新材料',
  'PCB及电子元器件',
  '绿色食品',
  '生物技术和新医药',
  '集成电路',
  '人工智能和机器人',
  '新型数字产业',
] as const;

export interface ZoneFact {
  code: string;
  name: string;
  nameEn: string;
  level: ZoneLevel;
  /** Approximate centre (lon, lat); the district is the one containing it. */
  centre: [number, number];
  /** Target size of the zone boundary, km². */
  areaKm2: number;
  /** Width ÷ height of the zone's bounding rectangle. */
  aspect: number;
  /** Road-grid rotation from east, degrees. */
  angleDeg: number;
  industries: string[];
  /** Short department name used in the synthetic contact. */
  office: string;
}

export const ZONES: readonly ZoneFact[] = [
  {
    code: 'HA-ETDZ',
    name: '淮安经济技术开发区',
    nameEn: "Huai'an Economic and Technological Development Zone",
    level: 'national',
    centre: [119.15, 33.58],
    areaKm2: 110,
    aspect: 1.15,
    angleDeg: 8,
    industries: ['新能源汽车及零部件', 'PCB及电子元器件', '新能源及装备'],
    office: '淮安经济技术开发区招商局',
  },
  {
    code: 'HA-HTZ',
    name: '淮安高新技术产业开发区',
    nameEn: "Huai'an Hi-tech Industrial Development Zone",
    level: 'national',
    centre: [118.99, 33.655],
    areaKm2: 70,
    aspect: 1.3,
    angleDeg: -6,
    industries: ['人工智能和机器人', '新型数字产业', '新能源及装备'],
    office: '淮安高新区投资促进局',
  },
  {
    code: 'HA-HIP',
    name: '淮安工业园区',
    nameEn: "Huai'an Industrial Park",
    level: 'provincial',
    centre: [119.03, 33.455],
    areaKm2: 29,
    aspect: 1.4,
    angleDeg: 4,
    industries: ['化工新材料', '纤维新材料', '绿色食品'],
    office: '淮安工业园区招商局',
  },
  {
    code: 'QJP-QHEDZ',
    name: '清河经济开发区',
    nameEn: 'Qinghe Economic Development Zone',
    level: 'provincial',
    centre: [119.005, 33.58],
    areaKm2: 20,
    aspect: 1.2,
    angleDeg: 12,
    industries: ['新型数字产业', '生物技术和新医药'],
    office: '清河经济开发区招商局',
  },
  {
    code: 'HAQ-EDZ',
    name: '淮安区经济开发区',
    nameEn: "Huai'an District Economic Development Zone",
    level: 'provincial',
    centre: [119.2, 33.49],
    areaKm2: 28,
    aspect: 1.1,
    angleDeg: -3,
    industries: ['新能源汽车及零部件', '绿色食品', '纤维新材料'],
    office: '淮安区经济开发区招商局',
  },
  {
    code: 'LS-EDZ',
    name: '涟水经济开发区',
    nameEn: 'Lianshui Economic Development Zone',
    level: 'provincial',
    centre: [119.3, 33.82],
    areaKm2: 28,
    aspect: 1.25,
    angleDeg: 15,
    industries: ['新能源汽车及零部件', '绿色食品', 'PCB及电子元器件'],
    office: '涟水经济开发区招商局',
  },
  {
    code: 'XY-EDZ',
    name: '盱眙经济开发区',
    nameEn: 'Xuyi Economic Development Zone',
    level: 'provincial',
    centre: [118.56, 33.04],
    areaKm2: 28,
    aspect: 1.3,
    angleDeg: -10,
    industries: ['化工新材料', '新能源及装备', '绿色食品'],
    office: '盱眙经济开发区招商局',
  },
  {
    code: 'JH-EDZ',
    name: '金湖经济开发区',
    nameEn: 'Jinhu Economic Development Zone',
    level: 'provincial',
    centre: [119.05, 33.02],
    areaKm2: 26,
    aspect: 1.2,
    angleDeg: 5,
    industries: ['新能源及装备', '化工新材料'],
    office: '金湖经济开发区招商局',
  },
  {
    code: 'HZ-EDZ',
    name: '洪泽经济开发区',
    nameEn: 'Hongze Economic Development Zone',
    level: 'provincial',
    centre: [118.9, 33.27],
    areaKm2: 26,
    aspect: 1.3,
    angleDeg: -8,
    industries: ['化工新材料', '新能源汽车及零部件', '生物技术和新医药'],
    office: '洪泽经济开发区招商局',
  },
];

/** Chinese place prefixes for synthetic enterprise and investor names. */
export const PLACE_PREFIXES = ['淮安', '淮阴', '清江浦', '涟水', '盱眙', '金湖', '洪泽', '楚州'] as const;
