// The one column catalogue of the plot exports: GeoJSON property, Shapefile field, headings, type, access.
import type { ExportLanguage } from '../compliance/schemas.ts';
import type { PlotRow } from '../plots/rows.ts';

/** A plot as the export query reads it: the list's row plus the public extras and geometry columns. */
export interface ExportRow extends PlotRow {
  area_m2: number;
  servicing: string[];
  guide_price: number | null;
  /** ST_AsGeoJSON text (GeoJSON and Shapefile exports). */
  geometry?: string;
  /** ST_AsText in the chosen CRS (CSV). */
  wkt?: string;
  /** Centroid in degrees (CSV and XLSX). */
  lon?: number;
  lat?: number;
}

export type ColumnValue = string | number | boolean | null | readonly string[];
export type ColumnType = 'integer' | 'decimal' | 'text' | 'boolean' | 'list';

type Words = Record<ExportLanguage, string>;

export interface ExportColumn {
  /** GeoJSON property name, as in /api/plots (camelCase). */
  key: string;
  /**
   * Shapefile field name: at most 10 ASCII characters, unique, the same in every export (the
   * import recognises them when a planner loads an export back). Null for the label columns,
   * which only the spreadsheet formats carry.
   */
  field: string | null;
  /** Names and labels for people, in the export's language: CSV and XLSX only. */
  spreadsheetOnly?: true;
  heading: Words;
  description: Words;
  type: ColumnType;
  /** Decimals kept (and written to the DBF) for numbers. */
  decimals?: number;
  /** Internal columns exist in an export only for viewers who read some exported plot's internals. */
  access: 'public' | 'internal';
  value: (row: ExportRow, language: ExportLanguage) => ColumnValue;
}

const STATUS_NAMES: Record<string, Words> = {
  in_use: { 'zh-CN': '在用', en: 'In use' },
  low_efficiency: { 'zh-CN': '低效', en: 'Low efficiency' },
  idle: { 'zh-CN': '闲置', en: 'Idle' },
  revitalizing: { 'zh-CN': '盘活中', en: 'Revitalizing' },
  available: { 'zh-CN': '可供', en: 'Available' },
  reserved: { 'zh-CN': '已预留', en: 'Reserved' },
  supplied: { 'zh-CN': '已供应', en: 'Supplied' },
  occupied: { 'zh-CN': '已使用', en: 'Occupied' },
};

const INEFFICIENCY_NAMES: Record<string, Words> = {
  idle: { 'zh-CN': '闲置土地', en: 'Idle land' },
  low_output: { 'zh-CN': '产出低效', en: 'Low output' },
  low_intensity: { 'zh-CN': '投资强度不足', en: 'Low investment intensity' },
  halted: { 'zh-CN': '停产/半停产', en: 'Halted or half-halted' },
  industry_mismatch: { 'zh-CN': '产业不符', en: 'Industry mismatch' },
  noncompliant: {
    'zh-CN': '不符合规划或安全环保要求',
    en: 'Planning, safety or environmental non-compliance',
  },
  grade_d: { 'zh-CN': '连续评为D类', en: 'Graded D repeatedly' },
};

const SERVICING_NAMES: Record<string, Words> = {
  road: { 'zh-CN': '通路', en: 'road' },
  power: { 'zh-CN': '通电', en: 'power' },
  water: { 'zh-CN': '通水', en: 'water' },
  drainage: { 'zh-CN': '排水', en: 'drainage' },
  sewage: { 'zh-CN': '污水', en: 'sewage' },
  telecom: { 'zh-CN': '通信', en: 'telecom' },
  gas: { 'zh-CN': '通气', en: 'gas' },
  heat: { 'zh-CN': '通热', en: 'heat' },
  cable: { 'zh-CN': '有线电视', en: 'cable TV' },
  levelled: { 'zh-CN': '场地平整', en: 'levelled site' },
};

/** A code's name in `language`; an unknown code shows itself rather than a blank. */
function named(names: Record<string, Words>, code: string | null, language: ExportLanguage): string | null {
  return code === null ? null : (names[code]?.[language] ?? code);
}

const YES_NO: Record<ExportLanguage, [string, string]> = { 'zh-CN': ['是', '否'], en: ['yes', 'no'] };

/** A boolean as the spreadsheet formats write it. */
export function yesNo(value: boolean, language: ExportLanguage): string {
  return YES_NO[language][value ? 0 : 1];
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  {
    key: 'id',
    field: 'ID',
    heading: { 'zh-CN': '系统编号', en: 'ID' },
    description: { 'zh-CN': '地块在本系统中的编号', en: "the plot's id in Land Atlas (/api/plots/{id})" },
    type: 'integer',
    access: 'public',
    value: (row) => row.id,
  },
  {
    key: 'code',
    field: 'CODE',
    heading: { 'zh-CN': '地块编号', en: 'Plot code' },
    description: { 'zh-CN': '地块编号', en: 'plot code' },
    type: 'text',
    access: 'public',
    value: (row) => row.code,
  },
  {
    key: 'zoneId',
    field: 'ZONE_ID',
    heading: { 'zh-CN': '园区编号', en: 'Zone id' },
    description: { 'zh-CN': '所属园区在本系统中的编号', en: "the zone's id in Land Atlas (/api/zones)" },
    type: 'integer',
    access: 'public',
    value: (row) => row.zone_id,
  },
  {
    key: 'zoneName',
    field: 'ZONE',
    heading: { 'zh-CN': '园区', en: 'Zone (Chinese)' },
    description: { 'zh-CN': '所属开发园区（中文名称）', en: 'development zone, Chinese name' },
    type: 'text',
    access: 'public',
    value: (row) => row.zone_name,
  },
  {
    key: 'zoneNameEn',
    field: 'ZONE_EN',
    heading: { 'zh-CN': '园区（英文）', en: 'Zone' },
    description: { 'zh-CN': '所属开发园区（英文名称）', en: 'development zone, English name' },
    type: 'text',
    access: 'public',
    value: (row) => row.zone_name_en,
  },
  {
    key: 'districtCode',
    field: 'DIST_CODE',
    heading: { 'zh-CN': '区县代码', en: 'District code' },
    description: { 'zh-CN': '所在区县的6位行政区划代码', en: '6-digit code of the county-level district' },
    type: 'text',
    access: 'public',
    value: (row) => row.district_code,
  },
  {
    key: 'districtName',
    field: 'DISTRICT',
    heading: { 'zh-CN': '区县', en: 'District (Chinese)' },
    description: { 'zh-CN': '所在区县（中文名称）', en: 'district, Chinese name' },
    type: 'text',
    access: 'public',
    value: (row) => row.district_name,
  },
  {
    key: 'districtNameEn',
    field: 'DIST_EN',
    heading: { 'zh-CN': '区县（英文）', en: 'District' },
    description: { 'zh-CN': '所在区县（英文名称）', en: 'district, English name' },
    type: 'text',
    access: 'public',
    value: (row) => row.district_name_en,
  },
  {
    key: 'areaMu',
    field: 'AREA_MU',
    heading: { 'zh-CN': '面积（亩）', en: 'Area (mu)' },
    description: {
      'zh-CN': '椭球面积，亩（1亩 = 10000/15 平方米）',
      en: 'geodesic area in mu (1 mu = 10000/15 m²)',
    },
    type: 'decimal',
    decimals: 2,
    access: 'public',
    value: (row) => row.area_mu,
  },
  {
    key: 'areaM2',
    field: 'AREA_M2',
    heading: { 'zh-CN': '面积（平方米）', en: 'Area (m²)' },
    description: { 'zh-CN': '椭球面积，平方米', en: 'geodesic area in square metres' },
    type: 'decimal',
    decimals: 1,
    access: 'public',
    value: (row) => row.area_m2,
  },
  {
    key: 'landUseCode',
    field: 'LANDUSE',
    heading: { 'zh-CN': '用地代码', en: 'Land-use code' },
    description: {
      'zh-CN': '国土空间用途分类代码（如 1001 工业用地、100101 一类工业用地）',
      en: 'land-use code of the national classification (e.g. 1001 industrial, 100101 class-1 industrial)',
    },
    type: 'text',
    access: 'public',
    value: (row) => row.land_use_code,
  },
  {
    key: 'landUseName',
    field: 'LANDUSE_NM',
    heading: { 'zh-CN': '用地类型', en: 'Land use (Chinese)' },
    description: { 'zh-CN': '用地类型名称（中文）', en: 'land-use name, Chinese' },
    type: 'text',
    access: 'public',
    value: (row) => row.land_use_name,
  },
  {
    key: 'landUseNameEn',
    field: 'LANDUSE_EN',
    heading: { 'zh-CN': '用地类型（英文）', en: 'Land use' },
    description: { 'zh-CN': '用地类型名称（英文）', en: 'land-use name, English' },
    type: 'text',
    access: 'public',
    value: (row) => row.land_use_name_en,
  },
  {
    key: 'status',
    field: 'STATUS',
    heading: { 'zh-CN': '状态代码', en: 'Status code' },
    description: {
      'zh-CN':
        '状态代码：in_use 在用、low_efficiency 低效、idle 闲置、revitalizing 盘活中、available 可供、reserved 已预留、supplied 已供应；公众看到 available、reserved 或 occupied（已使用）',
      en: 'status code: in_use, low_efficiency, idle, revitalizing, available, reserved, supplied; the public sees available, reserved or occupied',
    },
    type: 'text',
    access: 'public',
    value: (row) => row.status,
  },
  {
    key: 'statusName',
    field: null,
    spreadsheetOnly: true,
    heading: { 'zh-CN': '状态', en: 'Status' },
    description: { 'zh-CN': '状态名称', en: 'status name' },
    type: 'text',
    access: 'public',
    value: (row, language) => named(STATUS_NAMES, row.status, language),
  },
  {
    key: 'servicing',
    field: 'SERVICING',
    heading: { 'zh-CN': '配套代码', en: 'Servicing codes' },
    description: {
      'zh-CN':
        '已具备的配套（七通一平），以逗号分隔：road 通路、power 通电、water 通水、drainage 排水、sewage 污水、telecom 通信、gas 通气、heat 通热、cable 有线电视、levelled 场地平整',
      en: 'servicing items in place, comma-separated: road, power, water, drainage, sewage, telecom, gas, heat, cable, levelled',
    },
    type: 'list',
    access: 'public',
    value: (row) => row.servicing,
  },
  {
    key: 'servicingNames',
    field: null,
    spreadsheetOnly: true,
    heading: { 'zh-CN': '配套（七通一平）', en: 'Servicing' },
    description: { 'zh-CN': '已具备的配套名称', en: 'names of the servicing items in place' },
    type: 'text',
    access: 'public',
    value: (row, language) =>
      row.servicing
        .map((item) => named(SERVICING_NAMES, item, language))
        .join(language === 'en' ? ', ' : '、'),
  },
  {
    key: 'guidePrice',
    field: 'GUIDE_PRIC',
    heading: { 'zh-CN': '指导价（万元/亩）', en: 'Guide price (10,000 yuan/mu)' },
    description: {
      'zh-CN': '可供地块的指导价，万元/亩',
      en: 'guide price of available land, 10,000 yuan per mu',
    },
    type: 'decimal',
    decimals: 2,
    access: 'public',
    value: (row) => row.guide_price,
  },
  {
    key: 'isSample',
    field: 'SAMPLE',
    heading: { 'zh-CN': '示例数据', en: 'Sample data' },
    description: {
      'zh-CN': '是否为生成的示例数据（T 是 / F 否）',
      en: 'whether the plot is generated sample data (T yes / F no)',
    },
    type: 'boolean',
    access: 'public',
    value: (row) => row.is_sample,
  },
  {
    key: 'enterpriseName',
    field: 'ENTERPRISE',
    heading: { 'zh-CN': '使用企业', en: 'Enterprise' },
    description: { 'zh-CN': '使用企业（内部）', en: 'occupant enterprise (internal)' },
    type: 'text',
    access: 'internal',
    value: (row) => row.enterprise_name,
  },
  {
    key: 'inefficiencyType',
    field: 'INEFF_TYPE',
    heading: { 'zh-CN': '低效类型代码', en: 'Inefficiency type code' },
    description: {
      'zh-CN':
        '低效类型代码（内部）：idle、low_output、low_intensity、halted、industry_mismatch、noncompliant、grade_d',
      en: 'inefficiency type code (internal): idle, low_output, low_intensity, halted, industry_mismatch, noncompliant, grade_d',
    },
    type: 'text',
    access: 'internal',
    value: (row) => row.inefficiency_type,
  },
  {
    key: 'inefficiencyTypeName',
    field: null,
    spreadsheetOnly: true,
    heading: { 'zh-CN': '低效类型', en: 'Inefficiency type' },
    description: { 'zh-CN': '低效类型名称（内部）', en: 'inefficiency type name (internal)' },
    type: 'text',
    access: 'internal',
    value: (row, language) => named(INEFFICIENCY_NAMES, row.inefficiency_type, language),
  },
  {
    key: 'grade',
    field: 'GRADE',
    heading: { 'zh-CN': '亩均评价等级', en: 'Per-mu grade' },
    description: {
      'zh-CN': '亩均效益评价等级 A/B/C/D，T 为不参评（内部）',
      en: 'per-mu benefit grade A/B/C/D, T not rated (internal)',
    },
    type: 'text',
    access: 'internal',
    value: (row) => row.grade,
  },
];

/** The columns an export holds: internal ones only when the viewer reads some exported plot's internals. */
export function exportColumns(withInternal: boolean): ExportColumn[] {
  return EXPORT_COLUMNS.filter((column) => withInternal || column.access === 'public');
}

/** Columns the spreadsheet formats add from the geometry. */
export const CENTROID_HEADINGS: Record<'lon' | 'lat', Words> = {
  lon: { 'zh-CN': '中心点经度', en: 'Centroid longitude' },
  lat: { 'zh-CN': '中心点纬度', en: 'Centroid latitude' },
};
/** Kept as "WKT" in every language: GDAL's CSV driver and QGIS find the geometry by that name. */
export const WKT_HEADING = 'WKT';

/** The sheet's name, the fields description's headings. */
export const EXPORT_WORDS = {
  sheet: { 'zh-CN': '地块', en: 'Plots' },
  field: { 'zh-CN': '字段', en: 'Field' },
  property: { 'zh-CN': '完整名称', en: 'Full name' },
  type: { 'zh-CN': '类型', en: 'Type' },
  heading: { 'zh-CN': '标题', en: 'Heading' },
  descriptionZh: { 'zh-CN': '说明（中文）', en: 'Description (Chinese)' },
  descriptionEn: { 'zh-CN': '说明（英文）', en: 'Description (English)' },
} satisfies Record<string, Words>;
