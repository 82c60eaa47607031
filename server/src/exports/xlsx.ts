// Plots as one Excel sheet: typed numeric columns with formats, the header frozen and filterable,
// the centroid in degrees. Streamed row by row (ExcelJS's in-memory workbook needs gigabytes at
// 100,000 plots), pausing for the download to catch up, so memory stays flat.
import { EventEmitter, once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { ExportLanguage } from '../compliance/schemas.ts';
import { addSheet, newWorkbookWriter } from '../http/spreadsheet.ts';
import { CENTROID_HEADINGS, EXPORT_WORDS, type ExportColumn, type ExportRow } from './columns.ts';
import { spreadsheetCell } from './csv.ts';

function numberFormat(column: ExportColumn): string | undefined {
  if (column.type === 'integer') return '0';
  if (column.type === 'decimal') return `#,##0.${'0'.repeat(column.decimals ?? 2)}`;
  return undefined;
}

/** Excel column width in characters: a Chinese character takes about two. */
function width(heading: string, column: ExportColumn | null): number {
  const headingWidth = [...heading].reduce((sum, char) => sum + (char.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const least = column === null || column.type !== 'text' ? 10 : column.access === 'public' ? 18 : 22;
  return Math.min(40, Math.max(least, headingWidth + 2));
}

/** A stream that may ask its writer to wait: node's, or the readable-stream copy inside archiver. */
interface Backpressured extends EventEmitter {
  writableNeedDrain?: boolean;
  _writableState?: { needDrain?: boolean };
}

/**
 * Where the sheet's XML waits to be compressed. ExcelJS's sheet writer ignores backpressure, but
 * the PassThrough that archiver reads it through keeps count (null if ExcelJS changes its insides).
 */
function sheetQueue(sheet: ExcelJS.Worksheet): Backpressured | null {
  const target = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0];
  return target instanceof EventEmitter ? target : null;
}

function full(stream: Backpressured): boolean {
  return stream.writableNeedDrain ?? stream._writableState?.needDrain ?? false;
}

/** Resolves once `stream` wants more, or `output` has closed (the download was abandoned). */
async function drained(stream: Backpressured, output: Readable): Promise<void> {
  const stop = new AbortController();
  try {
    await Promise.race([
      once(stream, 'drain', { signal: stop.signal }),
      once(output, 'close', { signal: stop.signal }),
    ]);
  } finally {
    stop.abort();
  }
}

export function xlsxStream(
  pages: AsyncIterable<ExportRow[]>,
  columns: readonly ExportColumn[],
  language: ExportLanguage,
  isSample: boolean,
): Readable {
  const output = new PassThrough();
  const workbook = newWorkbookWriter(output, isSample);
  const sheet = addSheet(workbook, EXPORT_WORDS.sheet[language]);
  sheet.columns = [
    ...columns.map((column) => {
      const format = numberFormat(column);
      return {
        header: column.heading[language],
        width: width(column.heading[language], column),
        ...(format ? { style: { numFmt: format } } : {}),
      };
    }),
    ...(['lon', 'lat'] as const).map((axis) => ({
      header: CENTROID_HEADINGS[axis][language],
      width: width(CENTROID_HEADINGS[axis][language], null),
      style: { numFmt: '0.0000000' },
    })),
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length + 2 } };
  const write = async () => {
    for await (const rows of pages) {
      if (output.destroyed) return;
      for (const row of rows) {
        sheet
          .addRow([
            ...columns.map((column) => spreadsheetCell(column.value(row, language), language)),
            row.lon ?? null,
            row.lat ?? null,
          ])
          .commit();
      }
      // Wait for the compressor and the download to catch up, so at most a page or two is held.
      for (const stream of [sheetQueue(sheet), output]) {
        if (stream && full(stream) && !output.destroyed) await drained(stream, output).catch(() => undefined);
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: Error) => output.destroy(error));
  return output;
}
