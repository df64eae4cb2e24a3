import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded at the first spreadsheet read or written rather than at start: with what it
 * requires (zip and stream libraries, es-abstract's polyfills) it was the largest part of the
 * modules the gateway evaluated before answering its first query, and most requests never touch a
 * spreadsheet.
 */
export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}
