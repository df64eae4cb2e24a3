import type { Readable } from 'node:stream';
import type { parse as csvParse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs.ts';
import { ImportFileError } from './problems.ts';

/** A cell as read: text from CSV; text, number or date from a spreadsheet; null when empty. */
export type Cell = string | number | Date | null;

export interface RawRow {
  /** The row number a person sees: the CSV line or the sheet row, header = `headerRow`. */
  row: number;
  cells: Cell[];
}

export interface RowSource {
  /** The column names of the header row, trimmed. */
  header: string[];
  rows: AsyncIterable<RawRow>;
}

export type FileFormat = 'CSV' | 'XLSX';

/** CSV or XLSX, from the name (and for a file named otherwise, its first bytes: XLSX is a zip). */
export function formatOf(fileName: string, firstBytes?: Uint8Array): FileFormat {
  if (/\.xlsx$/i.test(fileName)) return 'XLSX';
  if (/\.(csv|txt|tsv)$/i.test(fileName)) return 'CSV';
  if (firstBytes && firstBytes[0] === 0x50 && firstBytes[1] === 0x4b) return 'XLSX';
  if (/\.(xls|ods|numbers)$/i.test(fileName)) {
    throw new ImportFileError(`${fileName}: this spreadsheet format cannot be read; save it as .xlsx or .csv (UTF-8)`);
  }
  return 'CSV';
}

/**
 * Streams the rows of a CSV or XLSX file after its header row: memory stays flat whatever the file's
 * size. CSV is read as UTF-8 (a byte-order mark is dropped); XLSX through exceljs's streaming reader.
 */
export async function readRows(
  input: Readable,
  options: { fileName: string; format: FileFormat; headerRow: number; delimiter: string; sheet?: string | null | undefined },
): Promise<RowSource> {
  // The parser is loaded with the first file of its format, not at start (exceljs.ts): meanwhile the
  // input waits (piping it to the parser resumes it) rather than flowing past unread.
  input.pause();
  const rows =
    options.format === 'CSV'
      ? csvRows(input, options.delimiter, (await import('csv-parse')).parse)
      : xlsxRows(input, options.fileName, options.sheet ?? null, await loadExcelJS());
  const iterator = rows[Symbol.asyncIterator]();
  // Rows above the header are skipped; the header row gives the column names.
  for (;;) {
    const next = await iterator.next();
    if (next.done) throw new ImportFileError(`${options.fileName}: no header row (row ${options.headerRow}): the file has fewer rows`);
    if (next.value.row < options.headerRow) continue;
    if (next.value.row > options.headerRow) {
      throw new ImportFileError(`${options.fileName}: row ${options.headerRow}, the header row, is empty`);
    }
    const header = next.value.cells.map((c) => cellText(c).trim());
    return {
      header,
      rows: { [Symbol.asyncIterator]: () => iterator },
    };
  }
}

async function* csvRows(input: Readable, delimiter: string, parseCsv: typeof csvParse): AsyncGenerator<RawRow> {
  // Rows are numbered as a spreadsheet shows the file: one row per record, a quoted line break
  // staying inside its cell, and an empty line an empty row (csv-parse gives it as a record of one
  // empty cell; it is skipped below with the other blank rows). Counted here rather than taken from
  // csv-parse's `info`, which costs more than the parsing itself.
  const parser = input.pipe(parseCsv({ bom: true, delimiter, relax_column_count: true, trim: false }));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      let blank = true;
      const cells: Cell[] = new Array(record.length);
      for (let i = 0; i < record.length; i++) {
        const c = record[i]!;
        if (c === '') {
          cells[i] = null;
          continue;
        }
        cells[i] = c;
        if (blank && NOT_BLANK.test(c)) blank = false;
      }
      if (!blank) yield { row, cells };
    }
  } catch (error) {
    const e = error as Error & { code?: string; lines?: number };
    if (e.code?.startsWith('CSV_')) throw new ImportFileError(`not a readable CSV file${e.lines ? ` (line ${e.lines})` : ''}: ${e.message}`);
    throw error;
  }
}

const NOT_BLANK = /\S/;

async function* xlsxRows(input: Readable, fileName: string, sheet: string | null, excel: typeof ExcelJS): AsyncGenerator<RawRow> {
  const reader = new excel.stream.xlsx.WorkbookReader(input, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  const seen: string[] = [];
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      seen.push(name);
      if (sheet !== null && name !== sheet) {
        for await (const _row of worksheet) void _row;
        continue;
      }
      for await (const row of worksheet) {
        const values = (row as ExcelJS.Row).values as unknown[];
        const cells: Cell[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellValue(values[c]));
        if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
        yield { row: (row as ExcelJS.Row).number, cells };
      }
      return;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`${fileName}: not a readable XLSX file: ${(error as Error).message}`);
  }
  throw new ImportFileError(
    sheet === null ? `${fileName}: the workbook has no sheet` : `${fileName}: no sheet named "${sheet}" (the workbook has: ${seen.join(', ')})`,
  );
}

/** A spreadsheet cell's value: formulas give their result, rich text and links their text. */
function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: Array<{ text: string }>; text?: unknown; error?: string };
    if ('error' in v && v.error) return String(v.error);
    if ('result' in v) return cellValue(v.result);
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return cellValue(v.text);
  }
  return String(value);
}

/** A cell as text (dates as YYYY-MM-DD). */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}
