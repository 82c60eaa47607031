// Request and response schemas of control-line compliance (工业用地控制线); the client imports the types.
import { type Static, Type } from 'typebox';
import { Nullable } from '../http/schemas.ts';

/** The rules a plot can break (db/migrations/011_compliance.sql, line_compliance_of). */
export const BREACH_KINDS = ['industrial_outside', 'nonindustrial_in_core'] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];
/** What the map theme and the plot filter tell apart: either breach, or none. */
export const COMPLIANCE_CLASSES = [...BREACH_KINDS, 'compliant'] as const;
export type ComplianceClass = (typeof COMPLIANCE_CLASSES)[number];

export const COMPLIANCE_SORTS = ['-areaMu', 'areaMu'] as const;
export const COMPLIANCE_MAX_PAGE = 1000;

const DistrictCode = Type.String({ pattern: '^[0-9]{6}$', description: '6-digit district code' });

export const ComplianceSummaryQuery = Type.Object(
  { districtCode: Type.Optional(DistrictCode) },
  { additionalProperties: false },
);
export type ComplianceSummaryQuery = Static<typeof ComplianceSummaryQuery>;

const Share = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });

export const ComplianceRules = Type.Object({
  minIndustrialShareCore: Share('least industrial share of a core line (保障线)'),
  minIndustrialShareTransitional: Share('least industrial share of a transitional line (过渡线)'),
  minIndustrialShareDistrict: Share("least industrial share of a district's line area"),
  minDistrictIndustrialInsideShare: Share("least share of a district's industrial land inside the lines"),
  mostlyInsideShare: Share('share of a plot inside a line for it to count as inside'),
});
export type ComplianceRules = Static<typeof ComplianceRules>;

const Tally = Type.Object({ count: Type.Integer(), areaMu: Type.Number() });

export const LineCompliance = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('core'), Type.Literal('transitional')]),
  version: Type.String(),
  effectiveDate: Type.String({ format: 'date' }),
  districtCode: Nullable(Type.String()),
  districtName: Nullable(Type.String()),
  districtNameEn: Nullable(Type.String()),
  isSample: Type.Boolean(),
  areaMu: Type.Number({ description: "the line's area" }),
  industrialAreaMu: Type.Number({ description: 'area of industrial plots inside the line' }),
  industrialShare: Type.Number({ description: 'industrialAreaMu ÷ areaMu' }),
  minimum: Type.Number(),
  pass: Type.Boolean(),
});
export type LineCompliance = Static<typeof LineCompliance>;

export const DistrictCompliance = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  lineAreaMu: Type.Number({ description: 'area of the lines in force inside the district' }),
  industrialInLinesMu: Type.Number({
    description: "area of the district's industrial plots inside the lines",
  }),
  industrialShare: Nullable(
    Type.Number({ description: 'industrialInLinesMu ÷ lineAreaMu; null without lines' }),
  ),
  minimum: Type.Number(),
  pass: Nullable(Type.Boolean()),
  industrialAreaMu: Type.Number({ description: "the district's industrial plots" }),
  insideShare: Nullable(
    Type.Number({ description: 'industrialInLinesMu ÷ industrialAreaMu; null without industrial land' }),
  ),
  insideMinimum: Type.Number(),
  insidePass: Nullable(Type.Boolean()),
  industrialOutside: Tally,
  nonindustrialInCore: Tally,
});
export type DistrictCompliance = Static<typeof DistrictCompliance>;

export const ComplianceSummary = Type.Object({
  rules: ComplianceRules,
  lines: Type.Array(LineCompliance),
  districts: Type.Array(DistrictCompliance),
});
export type ComplianceSummary = Static<typeof ComplianceSummary>;

const ListFilter = {
  kind: Type.Optional(Type.Enum(BREACH_KINDS, { description: 'one rule; both when left out' })),
  districtCode: Type.Optional(DistrictCode),
  zoneId: Type.Optional(Type.Integer({ minimum: 1 })),
};

export const CompliancePlotsQuery = Type.Object(
  {
    ...ListFilter,
    sort: Type.Optional(
      Type.Enum(COMPLIANCE_SORTS, { default: '-areaMu', description: 'by area; - for largest first' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: COMPLIANCE_MAX_PAGE, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type CompliancePlotsQuery = Static<typeof CompliancePlotsQuery>;

export const EXPORT_LANGUAGES = ['zh-CN', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export const ComplianceExportQuery = Type.Object(
  {
    ...ListFilter,
    format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
    lang: Type.Optional(
      Type.Enum(EXPORT_LANGUAGES, { default: 'zh-CN', description: 'language of the headings' }),
    ),
  },
  { additionalProperties: false },
);
export type ComplianceExportQuery = Static<typeof ComplianceExportQuery>;

export const CompliancePlot = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  kind: Type.Enum(BREACH_KINDS),
  zoneId: Nullable(Type.Integer()),
  zoneName: Nullable(Type.String()),
  zoneNameEn: Nullable(Type.String()),
  districtCode: Type.String(),
  districtName: Type.String(),
  districtNameEn: Type.String(),
  landUseCode: Type.String(),
  landUseName: Type.String(),
  landUseNameEn: Type.String(),
  areaMu: Type.Number(),
  coreShare: Type.Number({ description: 'share of the plot inside core lines' }),
  lineShare: Type.Number({ description: 'share of the plot inside any line' }),
  isSample: Type.Boolean(),
  // Internal: present only for viewers allowed this plot's internal data.
  enterpriseName: Type.Optional(Nullable(Type.String())),
});
export type CompliancePlot = Static<typeof CompliancePlot>;

export const CompliancePlotList = Type.Object({
  total: Type.Integer(),
  totalAreaMu: Type.Number(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(CompliancePlot),
});
export type CompliancePlotList = Static<typeof CompliancePlotList>;
