// The plot attributes an import can fill, the source field names that usually hold them (Chinese
// survey tables, pinyin initials, English, and our own Shapefile export), and how values are read.
import { EXPORT_COLUMNS } from '../exports/columns.ts';
import { INEFFICIENCY_TYPES, PLOT_STATUSES, SERVICING_ITEMS } from '../plots/schemas.ts';

export const PLOT_ATTRIBUTES = [
  'code',
  'landUseCode',
  'zone',
  'districtCode',
  'enterpriseName',
  'status',
  'inefficiencyType',
  'contractedStartDate',
  'productionStartDate',
  'investmentIntensity',
  'taxPerMu',
  'salesPerMu',
  'plotRatio',
  'valueAddedRate',
  'rdShare',
  'energyPerValueAdded',
  'servicing',
  'guidePrice',
  'notes',
  'declaredAreaMu',
  'isSample',
] as const;
export type PlotAttribute = (typeof PLOT_ATTRIBUTES)[number];

/** Source field for each attribute the planner mapped; unmapped attributes are absent. */
export type FieldMapping = Partial<Record<PlotAttribute, string>>;

export type SourceValue = string | number | boolean | null;

type Kind =
  | 'code'
  | 'text'
  | 'number'
  | 'date'
  | 'status'
  | 'inefficiency'
  | 'servicing'
  | 'boolean'
  | 'reference';

interface AttributeRule {
  kind: Kind;
  /** Normalised source field names that usually hold this attribute. */
  names: string[];
  /** Numbers: the allowed range. */
  min?: number;
  max?: number;
  maxLength?: number;
}

// GDAL cuts a UTF-8 DBF field name at 10 bytes, mid-character: the broken end decodes as U+FFFD.
const normalise = (name: string) => name.toLowerCase().replace(/[\s_\-()（）.\uFFFD]/g, '');

export const ATTRIBUTE_RULES: Record<PlotAttribute, AttributeRule> = {
  code: {
    kind: 'code',
    names: [
      'code',
      'plotcode',
      'plotid',
      'dkbh',
      'dkdm',
      'zddm',
      'zdh',
      'zdbh',
      'bh',
      '地块编号',
      '地块代码',
      '宗地代码',
      '宗地号',
      '宗地编号',
      '编号',
    ],
  },
  landUseCode: {
    kind: 'reference',
    names: [
      'landuse',
      'landusecode',
      'landusecd',
      'dlbm',
      'yddm',
      'ydlx',
      'tdyt',
      'yt',
      '用地代码',
      '地类编码',
      '用途代码',
      '土地用途',
      '用地类型',
      '地类',
    ],
  },
  zone: {
    kind: 'reference',
    names: ['zone', 'zonename', 'zonecode', 'yqmc', 'yq', 'kfq', '园区', '园区名称', '开发区', '所属园区'],
  },
  districtCode: {
    kind: 'reference',
    names: [
      'distcode',
      'districtcode',
      'district',
      'xzqdm',
      'qxdm',
      'xzqh',
      '行政区代码',
      '区县代码',
      '行政区划代码',
      '区县',
    ],
  },
  enterpriseName: {
    kind: 'text',
    maxLength: 200,
    names: [
      'enterprise',
      'enterprisename',
      'occupant',
      'qymc',
      'qlr',
      'tdsyqr',
      'syqr',
      'dwmc',
      '企业名称',
      '权利人',
      '土地使用权人',
      '使用权人',
      '单位名称',
      '使用企业',
    ],
  },
  status: { kind: 'status', names: ['status', 'zt', 'xz', 'lyzt', '状态', '现状', '利用状态', '利用现状'] },
  inefficiencyType: {
    kind: 'inefficiency',
    names: ['inefftype', 'inefficiencytype', 'inefficiency', 'dxlx', '低效类型', '低效用地类型'],
  },
  contractedStartDate: {
    kind: 'date',
    names: ['contractedstartdate', 'startdate', 'kgrq', 'ydkgrq', '约定开工日期', '合同开工日期', '开工日期'],
  },
  productionStartDate: {
    kind: 'date',
    names: ['productionstartdate', 'tcrq', '投产日期', '投产时间'],
  },
  investmentIntensity: {
    kind: 'number',
    min: 0,
    names: ['investmentintensity', 'invintens', 'tzqd', '投资强度', '亩均投资'],
  },
  taxPerMu: { kind: 'number', min: 0, names: ['taxpermu', 'mjss', '亩均税收'] },
  salesPerMu: { kind: 'number', min: 0, names: ['salespermu', 'mjxs', 'mjxssr', '亩均销售', '亩均销售收入'] },
  plotRatio: { kind: 'number', min: 0, max: 20, names: ['plotratio', 'far', 'rjl', '容积率'] },
  valueAddedRate: { kind: 'number', min: 0, max: 1, names: ['valueaddedrate', 'zjzl', '增加值率'] },
  rdShare: { kind: 'number', min: 0, max: 1, names: ['rdshare', 'yfzb', '研发投入占比', '研发占比'] },
  energyPerValueAdded: {
    kind: 'number',
    min: 0,
    names: ['energypervalueadded', 'dwnh', '单位能耗', '单位增加值能耗'],
  },
  servicing: { kind: 'servicing', names: ['servicing', 'ptss', 'qtyp', '配套', '七通一平', '配套设施'] },
  guidePrice: {
    kind: 'number',
    min: 0,
    names: ['guideprice', 'guidepric', 'zdj', 'crdj', '指导价', '出让底价', '出让指导价'],
  },
  notes: { kind: 'text', maxLength: 2000, names: ['notes', 'note', 'remark', 'bz', '备注'] },
  declaredAreaMu: {
    kind: 'number',
    min: 0,
    // Only names that say mu: a bare "area" or 面积 is as often in square metres.
    names: ['areamu', 'mjmu', '面积亩', '用地面积亩', '亩'],
  },
  isSample: { kind: 'boolean', names: ['sample', 'issample', '示例数据'] },
};

const STATUS_LABELS: Record<string, (typeof PLOT_STATUSES)[number]> = {
  在用: 'in_use',
  使用中: 'in_use',
  正常: 'in_use',
  正常使用: 'in_use',
  低效: 'low_efficiency',
  低效用地: 'low_efficiency',
  闲置: 'idle',
  闲置土地: 'idle',
  盘活中: 'revitalizing',
  盘活: 'revitalizing',
  可供: 'available',
  可供应: 'available',
  净地: 'available',
  待供应: 'available',
  已预留: 'reserved',
  预留: 'reserved',
  已供应: 'supplied',
  已出让: 'supplied',
};

const INEFFICIENCY_LABELS: Record<string, (typeof INEFFICIENCY_TYPES)[number]> = {
  闲置土地: 'idle',
  闲置: 'idle',
  产出低效: 'low_output',
  低产出: 'low_output',
  投资强度不足: 'low_intensity',
  强度不足: 'low_intensity',
  停产: 'halted',
  半停产: 'halted',
  '停产/半停产': 'halted',
  双停: 'halted',
  产业不符: 'industry_mismatch',
  不符合规划或安全环保要求: 'noncompliant',
  不合规: 'noncompliant',
  连续评为D类: 'grade_d',
  D类: 'grade_d',
};

const SERVICING_LABELS: Record<string, (typeof SERVICING_ITEMS)[number]> = {
  通路: 'road',
  道路: 'road',
  通电: 'power',
  供电: 'power',
  电力: 'power',
  通水: 'water',
  供水: 'water',
  给水: 'water',
  排水: 'drainage',
  雨水: 'drainage',
  污水: 'sewage',
  通信: 'telecom',
  通讯: 'telecom',
  电信: 'telecom',
  通气: 'gas',
  燃气: 'gas',
  天然气: 'gas',
  通热: 'heat',
  供热: 'heat',
  热力: 'heat',
  有线电视: 'cable',
  场地平整: 'levelled',
  平整: 'levelled',
  土地平整: 'levelled',
};

/** Everything the import resolves against the database: reference lists, loaded once per check. */
export interface References {
  landUseCodes: Set<string>;
  /** Names (Chinese and English, lower-cased) of current classes → code. */
  landUseNames: Map<string, string>;
  /** Older GB/T 21010 codes (and their names) → current code. */
  legacyLandUse: Map<string, string>;
  districtCodes: Set<string>;
  /** Merged or renamed district codes → current code. */
  districtAliases: Map<string, string>;
  /** District names → code. */
  districtNames: Map<string, string>;
  /** Zone codes, names and English names, lower-cased → zone id. */
  zones: Map<string, number>;
}

export type Severity = 'error' | 'warning';

export interface Problem {
  kind: string;
  severity: Severity;
  /** The plot attribute concerned. */
  field?: PlotAttribute;
  /** The source value as read. */
  value?: string;
  /** PostGIS's reason, a hint, or the rows sharing a code. */
  detail?: string;
  /** Longitude and latitude of the problem (invalid geometry). */
  location?: [number, number];
}

export type PlotValues = Partial<
  Record<PlotAttribute | 'zoneId', string | number | boolean | string[] | null>
>;

function text(value: SourceValue): string {
  return value === null ? '' : String(value).trim();
}

function parseNumber(value: SourceValue): number | null {
  if (typeof value === 'number') return value;
  const cleaned = text(value).replace(/[,，\s]/g, '');
  if (cleaned === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

function parseDate(value: SourceValue): string | null {
  const raw = text(value);
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ].*)?$/.exec(raw) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  if (year < 1900 || year > 2100) return null;
  return date.toISOString().slice(0, 10);
}

function parseBoolean(value: SourceValue): boolean | null {
  if (typeof value === 'boolean') return value;
  const raw = text(value).toLowerCase();
  if (['true', 't', 'yes', 'y', '1', '是'].includes(raw)) return true;
  if (['false', 'f', 'no', 'n', '0', '否', ''].includes(raw)) return false;
  return null;
}

/** Land-use codes arrive as text or as numbers from a numeric DBF field ("1001", 1001, "1001.0"). */
function codeText(value: SourceValue): string {
  return text(value).replace(/\.0+$/, '');
}

/**
 * The plot values of one source row under `mapping`, and the problems found in them. Values that
 * depend on the geometry or on existing plots are checked later, in the database.
 */
export function mapRow(
  attributes: Readonly<Record<string, SourceValue>>,
  mapping: FieldMapping,
  references: References,
): { values: PlotValues; problems: Problem[] } {
  const values: PlotValues = {};
  const problems: Problem[] = [];
  for (const attribute of PLOT_ATTRIBUTES) {
    const field = mapping[attribute];
    if (field === undefined) continue;
    const raw = attributes[field] ?? null;
    const shown = text(raw);
    const refuse = (kind: string, detail?: string, severity: Severity = 'error') =>
      problems.push({ kind, severity, field: attribute, value: shown, ...(detail ? { detail } : {}) });
    const rule = ATTRIBUTE_RULES[attribute];
    // An empty cell clears a value a plot may lack; NOT NULL columns keep theirs (see queries.ts).
    if (shown === '' && typeof raw !== 'boolean') {
      if (attribute === 'code') refuse('missing_code');
      else values[attribute === 'zone' ? 'zoneId' : attribute] = null;
      continue;
    }
    switch (rule.kind) {
      case 'code': {
        const code = codeText(raw);
        if (!/^[A-Za-z0-9_-]{3,40}$/.test(code)) refuse('invalid_code');
        else values.code = code;
        break;
      }
      case 'text':
        if (rule.maxLength !== undefined && shown.length > rule.maxLength) {
          refuse('too_long', String(rule.maxLength));
        } else values[attribute] = shown;
        break;
      case 'number': {
        const number = parseNumber(raw);
        if (number === null || !Number.isFinite(number)) refuse('invalid_number');
        else if (
          (rule.min !== undefined && number < rule.min) ||
          (rule.max !== undefined && number > rule.max)
        ) {
          refuse('out_of_range', `${rule.min ?? '-∞'}–${rule.max ?? '∞'}`);
        } else values[attribute] = number;
        break;
      }
      case 'date': {
        const date = raw === null ? null : parseDate(raw);
        if (date === null) refuse('invalid_date');
        else values[attribute] = date;
        break;
      }
      case 'boolean': {
        const flag = parseBoolean(raw);
        if (flag === null) refuse('invalid_boolean');
        else values[attribute] = flag;
        break;
      }
      case 'status': {
        const key = shown.toLowerCase();
        const status = (PLOT_STATUSES as readonly string[]).includes(key) ? key : STATUS_LABELS[shown];
        // 'reserved' passes only where the plot is reserved already (checked with the plots).
        if (status === undefined) refuse('unknown_status');
        else values.status = status;
        break;
      }
      case 'inefficiency': {
        const key = shown.toLowerCase();
        const type = (INEFFICIENCY_TYPES as readonly string[]).includes(key)
          ? key
          : INEFFICIENCY_LABELS[shown];
        if (type === undefined) refuse('unknown_inefficiency_type');
        else values.inefficiencyType = type;
        break;
      }
      case 'servicing': {
        const items = shown.split(/[,，;；、/|\s]+/).filter(Boolean);
        const known = items.map((item) =>
          (SERVICING_ITEMS as readonly string[]).includes(item.toLowerCase())
            ? item.toLowerCase()
            : SERVICING_LABELS[item],
        );
        const unknown = items.filter((_, index) => known[index] === undefined);
        if (unknown.length > 0) refuse('unknown_servicing', unknown.join(', '));
        else values.servicing = [...new Set(known as string[])];
        break;
      }
      case 'reference':
        resolveReference(attribute, raw, shown, references, values, refuse);
        break;
    }
  }
  return { values, problems };
}

function resolveReference(
  attribute: PlotAttribute,
  raw: SourceValue,
  shown: string,
  references: References,
  values: PlotValues,
  refuse: (kind: string, detail?: string, severity?: Severity) => void,
): void {
  if (attribute === 'landUseCode') {
    const code = codeText(raw);
    const named = references.landUseNames.get(shown.toLowerCase());
    if (references.landUseCodes.has(code)) values.landUseCode = code;
    else if (named !== undefined) values.landUseCode = named;
    else {
      const current = references.legacyLandUse.get(code) ?? references.legacyLandUse.get(shown);
      if (current === undefined) refuse('unknown_land_use');
      else {
        values.landUseCode = current;
        refuse('legacy_land_use', current, 'warning');
      }
    }
  } else if (attribute === 'districtCode') {
    const code = codeText(raw);
    const alias = references.districtAliases.get(code);
    const named = references.districtNames.get(shown);
    if (references.districtCodes.has(code)) values.districtCode = code;
    else if (alias !== undefined) {
      values.districtCode = alias;
      refuse('district_code_renamed', alias, 'warning');
    } else if (named !== undefined) values.districtCode = named;
    else refuse('unknown_district');
  } else if (attribute === 'zone') {
    const id = references.zones.get(shown.toLowerCase());
    if (id === undefined) refuse('unknown_zone');
    else values.zoneId = id;
  }
}

export interface SourceField {
  name: string;
  type: 'text' | 'number' | 'date' | 'boolean';
}

/** Our own export's columns (Shapefile field, Chinese and English headings) and the attribute each fills. */
const EXPORTED_AS: Partial<Record<string, PlotAttribute>> = {
  code: 'code',
  zoneName: 'zone',
  districtCode: 'districtCode',
  landUseCode: 'landUseCode',
  status: 'status',
  servicing: 'servicing',
  guidePrice: 'guidePrice',
  isSample: 'isSample',
  enterpriseName: 'enterpriseName',
  inefficiencyType: 'inefficiencyType',
  areaMu: 'declaredAreaMu',
};
const EXPORT_NAMES = new Map<PlotAttribute, string[]>();
for (const column of EXPORT_COLUMNS) {
  const attribute = EXPORTED_AS[column.key];
  if (!attribute) continue;
  const names = [column.field, column.heading['zh-CN'], column.heading.en].filter(
    (n): n is string => n !== null,
  );
  EXPORT_NAMES.set(attribute, names.map(normalise));
}

/**
 * A mapping to start from: what planners mapped these field names to before (`remembered`, keyed by
 * lower-cased name), then our export's names (a planner loading an export back), then the usual
 * names. Each source field fills at most one attribute.
 */
export function suggestMapping(
  fields: readonly SourceField[],
  remembered: ReadonlyMap<string, string>,
): FieldMapping {
  const mapping: FieldMapping = {};
  const used = new Set<string>();
  const assign = (attribute: PlotAttribute, field: string) => {
    if (mapping[attribute] !== undefined || used.has(field)) return;
    mapping[attribute] = field;
    used.add(field);
  };
  for (const field of fields) {
    const attribute = remembered.get(field.name.trim().toLowerCase());
    if (attribute !== undefined && (PLOT_ATTRIBUTES as readonly string[]).includes(attribute)) {
      assign(attribute as PlotAttribute, field.name);
    }
  }
  // The usual names in their order of preference (DIST_CODE before DISTRICT); then Chinese names
  // cut short, as a DBF's 10-byte field names cut 约定开工日期 to 约定开工日.
  const matches = [
    (field: string, name: string) => field === name,
    (field: string, name: string) =>
      [...field].some((c) => c.charCodeAt(0) > 0x7f) && field.length >= 3 && name.startsWith(field),
  ];
  for (const match of matches) {
    for (const attribute of PLOT_ATTRIBUTES) {
      for (const name of [...(EXPORT_NAMES.get(attribute) ?? []), ...ATTRIBUTE_RULES[attribute].names]) {
        const field = fields.find((f) => match(normalise(f.name), name) && !used.has(f.name));
        if (field) {
          assign(attribute, field.name);
          break;
        }
      }
    }
  }
  return mapping;
}
