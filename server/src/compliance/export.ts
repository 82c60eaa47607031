// The plots breaking the control-line rules as a table, written as CSV (UTF-8 with BOM) or XLSX.
import { addSheet, type Cell, csvText, newWorkbook, workbookBuffer } from '../http/spreadsheet.ts';
import type { BreachKind, CompliancePlot, ExportLanguage } from './schemas.ts';

interface Column {
  heading: Record<ExportLanguage, string>;
  /** Excel column width, in characters. */
  width: number;
  /** Excel number format, for numeric columns. */
  format?: string;
  value: (plot: CompliancePlot, language: ExportLanguage) => Cell;
}

const BREACH_NAMES: Record<BreachKind, Record<ExportLanguage, string>> = {
  industrial_outside: { 'zh-CN': '控制线外的工业用地', en: 'Industrial land outside the control lines' },
  nonindustrial_in_core: { 'zh-CN': '保障线内的非工业用地', en: 'Non-industrial use inside a core line' },
};

const COLUMNS: Column[] = [
  { width: 22, heading: { 'zh-CN': '地块编号', en: 'Plot code' }, value: (p) => p.code },
  { width: 24, heading: { 'zh-CN': '问题', en: 'Breach' }, value: (p, l) => BREACH_NAMES[p.kind][l] },
  {
    width: 26,
    heading: { 'zh-CN': '园区', en: 'Zone' },
    value: (p, l) => (l === 'en' ? p.zoneNameEn : p.zoneName),
  },
  { width: 12, heading: { 'zh-CN': '区县代码', en: 'District code' }, value: (p) => p.districtCode },
  {
    width: 12,
    heading: { 'zh-CN': '区县', en: 'District' },
    value: (p, l) => (l === 'en' ? p.districtNameEn : p.districtName),
  },
  { width: 12, heading: { 'zh-CN': '用地代码', en: 'Land-use code' }, value: (p) => p.landUseCode },
  {
    width: 20,
    heading: { 'zh-CN': '用地类型', en: 'Land use' },
    value: (p, l) => (l === 'en' ? p.landUseNameEn : p.landUseName),
  },
  {
    width: 12,
    heading: { 'zh-CN': '面积（亩）', en: 'Area (mu)' },
    format: '#,##0.00',
    value: (p) => p.areaMu,
  },
  {
    width: 14,
    heading: { 'zh-CN': '保障线内占比', en: 'Share inside core lines' },
    format: '0.0%',
    value: (p) => p.coreShare,
  },
  {
    width: 14,
    heading: { 'zh-CN': '控制线内占比', en: 'Share inside any line' },
    format: '0.0%',
    value: (p) => p.lineShare,
  },
  { width: 28, heading: { 'zh-CN': '企业', en: 'Enterprise' }, value: (p) => p.enterpriseName ?? null },
  {
    width: 10,
    heading: { 'zh-CN': '示例数据', en: 'Sample data' },
    value: (p, l) => (p.isSample ? (l === 'en' ? 'yes' : '是') : null),
  },
];

export function breachName(kind: BreachKind, language: ExportLanguage): string {
  return BREACH_NAMES[kind][language];
}

/** A header row and one row per plot. */
export function breachesCsv(plots: readonly CompliancePlot[], language: ExportLanguage): string {
  return csvText([
    COLUMNS.map((column) => column.heading[language]),
    ...plots.map((plot) => COLUMNS.map((column) => column.value(plot, language))),
  ]);
}

/** One sheet: the header row frozen and bold, areas and shares as numbers with formats. */
export async function breachesXlsx(
  plots: readonly CompliancePlot[],
  language: ExportLanguage,
  sheetName: string,
): Promise<Buffer> {
  const workbook = newWorkbook(plots.some((plot) => plot.isSample));
  const sheet = addSheet(workbook, sheetName);
  sheet.columns = COLUMNS.map((column) => ({
    header: column.heading[language],
    width: column.width,
    ...(column.format ? { style: { numFmt: column.format } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const plot of plots) sheet.addRow(COLUMNS.map((column) => column.value(plot, language)));
  return workbookBuffer(workbook);
}
