// What every table export shares: CSV cells that spreadsheets read safely, UTF-8 CSV that Excel
// opens as such, and XLSX workbooks and sheets set up the same way.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type Cell = string | number | null;

/** One CSV cell: quoted where it would break a row; a leading = + - @ is neutralised so spreadsheets don't run it. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV text from rows of cells; the BOM makes Excel read the Chinese text as UTF-8. */
export function csvText(rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A workbook labelled as Land Atlas's, and as sample data when it is. */
export function newWorkbook(isSample: boolean): ExcelJS.Workbook {
  return labelled(new ExcelJS.Workbook(), isSample);
}

/**
 * The same, written to `stream` as rows are committed: for tables too large to hold in memory
 * (ExcelJS's in-memory workbook takes about 24 KB per row of 25 cells; this one stays flat).
 */
export function newWorkbookWriter(stream: Writable, isSample: boolean): ExcelJS.stream.xlsx.WorkbookWriter {
  return labelled(new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true }), isSample);
}

function labelled<T extends ExcelJS.Workbook>(workbook: T, isSample: boolean): T {
  workbook.creator = 'Land Atlas';
  workbook.created = new Date();
  if (isSample) workbook.subject = 'sample data / 示例数据';
  return workbook;
}

/** A sheet named after `title` (within Excel's 31 characters and its forbidden ones), header row frozen. */
export function addSheet(workbook: ExcelJS.Workbook, title: string): ExcelJS.Worksheet {
  return workbook.addWorksheet(title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
}

export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
