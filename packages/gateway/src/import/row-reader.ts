import { GraphQLError } from 'graphql';
import { Prisma } from '../generated/prisma/client.ts';
import { formatDay, parsePeriod, type Period } from '../analytics/period.ts';
import type { FieldSpec, Mapping } from './mapping.ts';
import type { Lookups } from './lookups.ts';
import { numberCellToDecimal, parseNumberText, type NumberConvention } from './numbers.ts';
import type { ImportProblem } from './problems.ts';
import { cellText, type Cell, type RawRow } from './read-rows.ts';
import type { StagedRow } from './stage.ts';

const qualifiers: Record<string, string> = {
  exact: 'EXACT',
  more_than: 'MORE_THAN',
  less_than: 'LESS_THAN',
  approximately: 'APPROXIMATELY',
  '>': 'MORE_THAN',
  '<': 'LESS_THAN',
  '~': 'APPROXIMATELY',
  trên: 'MORE_THAN',
  hơn: 'MORE_THAN',
  dưới: 'LESS_THAN',
  khoảng: 'APPROXIMATELY',
  gần: 'APPROXIMATELY',
};
const statuses: Record<string, string> = {
  provisional: 'PROVISIONAL',
  final: 'FINAL',
  'sơ bộ': 'PROVISIONAL',
  'ước tính': 'PROVISIONAL',
  'chính thức': 'FINAL',
};
const againsts: Record<string, string> = {
  same_period_last_year: 'SAME_PERIOD_LAST_YEAR',
  previous_period: 'PREVIOUS_PERIOD',
  'cùng kỳ': 'SAME_PERIOD_LAST_YEAR',
  'kỳ trước': 'PREVIOUS_PERIOD',
};

const MAX_DIGITS = 22;
/** Numbers already in the form parseNumberText gives (no sign, grouping, padding or trailing zeros). */
const PLAIN_INTEGER = /^(0|[1-9]\d*)$/;
const PLAIN_DECIMAL = /^(0|[1-9]\d*)\.\d*[1-9]$/;
const LOOKS_GROUPED = /^\d{1,3}\.\d{3}$/;
const MAX_DECIMALS = 8;

export interface RowReaderOptions {
  file: string;
  header: string[];
  mapping: Mapping;
  /** Declared by the caller (command line, upload form): overrides the mapping's. */
  numbers: NumberConvention | undefined;
  lookups: Lookups;
  /** Region ids the writer may write; null for all. */
  writable: Set<number> | null;
  /** Region codes refused by `writable`, collected for one FORBIDDEN error. */
  forbidden: Set<string>;
}

/** A period as rows use it: parsed once per distinct text, with its days and the regions met in it. */
interface PeriodEntry {
  period: Period;
  start: string;
  end: string;
  /** Region cell text → the unit it means over this period, or why none. */
  regions: Map<string, { id: number; code: string } | { problem: string }>;
}

/**
 * Reads one raw row into an observation to stage, or reports every problem of the row. Each
 * problem names the column, the value seen and what was expected.
 *
 * It runs once per row of files of millions of rows, so the helpers are made once per file (they
 * read the row being checked from `raw`), periods, regions and names are looked up once per
 * distinct text, and values are checked as decimal strings (Decimal only to multiply).
 */
export function createRowReader(options: RowReaderOptions) {
  const { file, header, mapping, lookups } = options;
  const convention = options.numbers ?? (mapping.numbers as NumberConvention | undefined);
  const index = new Map(header.map((name, i) => [name, i]));
  const periods = new Map<string, PeriodEntry | string>();
  const names = new Map<string, string[]>();

  // The row being read and what its problems go to.
  let raw: RawRow = { row: 0, cells: [] };
  let report: (p: ImportProblem) => void = () => {};
  let ok = true;

  const problem = (column: string | null, value: Cell, expected: string) => {
    ok = false;
    report({ file, row: raw.row, column, value: value === null ? null : cellText(value), expected });
  };
  const cellOf = (column: string): Cell => raw.cells[index.get(column) ?? -1] ?? null;
  /** A field's text after its dictionaries; undefined when a dictionary has no entry. */
  const fieldText = (spec: FieldSpec | undefined): { column: string | null; cell: Cell; text: string | null | undefined } => {
    if (!spec) return { column: null, cell: null, text: null };
    if ('constant' in spec) return { column: null, cell: spec.constant, text: spec.constant };
    const cell = cellOf(spec.column);
    if (cell === null) return { column: spec.column, cell, text: null };
    const text = cellText(cell).trim();
    if (spec.values) return { column: spec.column, cell, text: spec.values[text] };
    if (spec.contains) {
      const hit = Object.entries(spec.contains).find(([needle]) => text.includes(needle));
      return { column: spec.column, cell, text: hit?.[1] };
    }
    return { column: spec.column, cell, text };
  };
  const number = (column: string | null, cell: Cell, what: string): string | null => {
    if (cell === null) return null;
    if (typeof cell === 'number') {
      const n = numberCellToDecimal(cell);
      if (n.ok) return n.decimal;
      problem(column, cell, n.expected);
      return null;
    }
    if (cell instanceof Date) {
      problem(column, cell, `${what}, not a date`);
      return null;
    }
    if (!convention) {
      problem(column, cell, `${what}; the mapping must say how numbers are written: add "numbers: plain", "numbers: vi" or "numbers: en"`);
      return null;
    }
    // A plain whole number reads as itself under every convention, and a plain decimal where the
    // point is the decimal mark (in plain writing, unless it reads as Vietnamese grouping: 54.913).
    if (PLAIN_INTEGER.test(cell)) return cell;
    if (convention !== 'vi' && PLAIN_DECIMAL.test(cell) && (convention === 'en' || !LOOKS_GROUPED.test(cell))) return cell;
    const n = parseNumberText(cell, convention);
    if (n.ok) return n.decimal;
    problem(column, cell, n.expected);
    return null;
  };
  const required = (f: ReturnType<typeof fieldText>, name: string, expected: string): string | null => {
    if (f.text === undefined) {
      problem(f.column, f.cell, `${expected}: the mapping's dictionary for ${name} has no entry for this value`);
      return null;
    }
    if (f.text === null || f.text === '') {
      problem(f.column ?? name, null, `${expected} (required)`);
      return null;
    }
    return f.text;
  };
  const choice = (spec: FieldSpec | undefined, name: string, table: Record<string, string>, fallback: string | null): string | null => {
    const f = fieldText(spec);
    if (f.text === null || f.text === '') return fallback;
    const hit =
      f.text === undefined
        ? undefined
        : (table[f.text.toLowerCase()] ?? (Object.values(table).includes(f.text.toUpperCase()) ? f.text.toUpperCase() : undefined));
    if (!hit) problem(f.column ?? name, f.cell, `one of ${[...new Set(Object.values(table))].join(', ')}`);
    return hit ?? null;
  };
  const periodEntry = (text: string): PeriodEntry | string => {
    let entry = periods.get(text);
    if (entry === undefined) {
      try {
        const period = parsePeriod(text);
        entry = { period, start: formatDay(period.start), end: formatDay(period.end), regions: new Map() };
      } catch (error) {
        entry = error instanceof GraphQLError ? error.message : String(error);
      }
      if (periods.size < 10_000) periods.set(text, entry);
    }
    return entry;
  };
  const codesForName = (text: string, extra: Record<string, string> | undefined): string[] => {
    let codes = names.get(text);
    if (!codes) {
      codes = lookups.codesForName(text, extra);
      if (names.size < 10_000) names.set(text, codes);
    }
    return codes;
  };
  const regionIn = (entry: PeriodEntry, codes: string[]) => {
    const found = codes.map((c) => lookups.region(c, entry.period.start, entry.period.end));
    const hits = found.filter((f): f is { id: number; code: string } => 'id' in f);
    if (hits.length === 1) return hits[0]!;
    if (hits.length > 1) return { problem: `one province; this name matches ${hits.map((h) => h.code).join(' and ')}: write the code instead` };
    return { problem: (found[0] as { problem: string }).problem };
  };

  return function readRow(row: RawRow, reportTo: (p: ImportProblem) => void): StagedRow | null {
    raw = row;
    report = reportTo;
    ok = true;

    // Indicator (and its multiplier)
    let indicator = null as ReturnType<Lookups['indicators']['get']> | null;
    let multiply = 1;
    if ('constant' in mapping.indicator) {
      indicator = lookups.indicators.get(mapping.indicator.constant) ?? null;
      if (!indicator) problem(null, mapping.indicator.constant, 'an indicator slug from the catalogue (see the catalogue or define it in a catalogue file)');
    } else {
      const column = mapping.indicator.column;
      const cell = cellOf(column);
      const text = cell === null ? '' : cellText(cell).trim();
      let slug: string | undefined = text;
      if (mapping.indicator.values) {
        const target = mapping.indicator.values[text];
        slug = typeof target === 'string' ? target : target?.slug;
        if (target && typeof target === 'object' && target.multiply) multiply = target.multiply;
        if (!slug)
          problem(
            column,
            cell,
            `one of the indicator values the mapping lists (${Object.keys(mapping.indicator.values).slice(0, 6).join(', ')}${Object.keys(mapping.indicator.values).length > 6 ? ', …' : ''})`,
          );
      } else if (!text) problem(column, null, 'an indicator slug (required)');
      if (slug) {
        indicator = lookups.indicators.get(slug) ?? null;
        if (!indicator)
          problem(column, cell, `an indicator slug from the catalogue; "${slug}" is not one (define it in a catalogue file, or correct the slug)`);
      }
    }
    if (mapping.value.multiply) multiply *= mapping.value.multiply;

    // Period
    const pf = fieldText(mapping.period);
    let period: PeriodEntry | null = null;
    const periodText =
      pf.cell instanceof Date
        ? formatDay(pf.cell)
        : required(pf, 'period', 'a period: 2021, 2021-Q3, 2021-09, 2021-YTD-09, 2020-12-15/2021-09-15 or 2021-10-10');
    if (periodText) {
      const entry = periodEntry(periodText);
      if (typeof entry === 'string') problem(pf.column ?? 'period', pf.cell, entry.replace(/^"[^"]*" is not a period: /, 'a period: '));
      else period = entry;
    }

    // Region, valid over the whole period
    const rf = mapping.region;
    const rCell: Cell = 'constant' in rf ? rf.constant : cellOf(rf.column);
    const rColumn = 'column' in rf ? rf.column : null;
    let region: { id: number; code: string } | null = null;
    const rText = rCell === null ? '' : cellText(rCell).trim();
    if (rText === '') problem(rColumn ?? 'region', null, rf.by === 'name' ? 'a province name (required)' : 'a region code (required)');
    else {
      let found = period?.regions.get(rText);
      if (found === undefined) {
        let codes: string[];
        if (rf.by === 'name') {
          codes = codesForName(rText, rf.names);
          if (!codes.length)
            problem(rColumn, rCell, 'a province name from the reference list (add it under region.names in the mapping if the file spells it its own way)');
        } else codes = [/^\d{1,2}$/.test(rText) ? rText.padStart(2, '0') : rText];
        if (period && codes.length) {
          found = regionIn(period, codes);
          if (period.regions.size < 10_000) period.regions.set(rText, found);
        }
      }
      if (found) {
        if ('id' in found) region = found;
        else problem(rColumn, rCell, found.problem);
      }
    }
    if (region && options.writable && !options.writable.has(region.id)) {
      options.forbidden.add(region.code);
      ok = false;
    }

    // Value, in the unit's bounds
    const vCell = cellOf(mapping.value.column);
    let value: string | null = null;
    if (vCell === null) problem(mapping.value.column, null, 'a value (required)');
    else value = number(mapping.value.column, vCell, 'a number');
    if (value !== null && indicator) {
      if (multiply !== 1) value = new Prisma.Decimal(value).times(multiply).toFixed();
      const negative = value.startsWith('-');
      const point = value.indexOf('.');
      const intDigits = (point < 0 ? value.length : point) - (negative ? 1 : 0);
      const fracDigits = point < 0 ? 0 : value.length - point - 1;
      if (intDigits > MAX_DIGITS || fracDigits > MAX_DECIMALS)
        problem(mapping.value.column, vCell, `a value with at most ${MAX_DIGITS} digits before and ${MAX_DECIMALS} after the decimal point`);
      else if (indicator.integer && fracDigits > 0) problem(mapping.value.column, vCell, `a whole number: ${indicator.slug} counts ${indicator.unitCode}`);
      else if ((indicator.min && compareDecimals(value, indicator.min) < 0) || (indicator.max && compareDecimals(value, indicator.max) > 0)) {
        const range = `${indicator.min ? `from ${indicator.min}` : ''}${indicator.min && indicator.max ? ' ' : ''}${indicator.max ? `to ${indicator.max}` : ''}`;
        problem(
          mapping.value.column,
          vCell,
          `a value ${range} (${indicator.slug} is in ${indicator.unitCode})${multiply !== 1 ? ` after multiplying by ${multiply}` : ''}`,
        );
      }
    }

    // Source
    const sf = fieldText(mapping.source);
    const sourceKey = required(sf, 'source', 'a source key defined in the catalogue (e.g. nld-2021-10-10-quang-nam)');
    const sourceId = sourceKey ? lookups.sources.get(sourceKey) : undefined;
    if (sourceKey && sourceId === undefined)
      problem(sf.column ?? 'source', sf.cell, `a source key from the catalogue; "${sourceKey}" is not one (define it under "sources" in a catalogue file)`);

    // Optional fields
    const qualifier = choice(mapping.qualifier, 'qualifier', qualifiers, 'EXACT');
    const status = choice(mapping.status, 'status', statuses, 'PROVISIONAL');
    const cp = fieldText(mapping.changePercent);
    const ca = fieldText(mapping.changeAbsolute);
    const changePercent = cp.text ? number(cp.column, cp.cell, 'a change in percent') : null;
    const changeAbsolute = ca.text ? number(ca.column, ca.cell, 'a change in the indicator unit') : null;
    const changeAgainst = choice(mapping.changeAgainst, 'change_against', againsts, null);
    if ((changePercent !== null || changeAbsolute !== null) && !changeAgainst) {
      problem(
        mapping.changeAgainst && 'column' in mapping.changeAgainst ? mapping.changeAgainst.column : 'change_against',
        null,
        'SAME_PERIOD_LAST_YEAR or PREVIOUS_PERIOD: what the reported change compares against',
      );
    }
    const nf = fieldText(mapping.note);
    const note = nf.text ? nf.text : null;

    if (!ok || !indicator || !period || !region || value === null || sourceId === undefined || !qualifier || !status) return null;
    return {
      row: raw.row,
      indicatorId: indicator.id,
      regionId: region.id,
      periodKind: period.period.kind,
      periodStart: period.start,
      periodEnd: period.end,
      value,
      qualifier,
      status,
      changePercent,
      changeAbsolute,
      changeAgainst,
      sourceId,
      note,
    };
  };
}

/**
 * Compares two plain decimal strings ("-12.5", "100", as numbers.ts writes them: no leading zeros,
 * no trailing decimal zeros, no "-0"); exact at any length, unlike Number.
 */
export function compareDecimals(a: string, b: string): number {
  const an = a.charCodeAt(0) === 45; // '-'
  const bn = b.charCodeAt(0) === 45;
  if (an !== bn) return an ? -1 : 1;
  const sign = an ? -1 : 1;
  const x = an ? a.slice(1) : a;
  const y = bn ? b.slice(1) : b;
  const xp = x.indexOf('.');
  const yp = y.indexOf('.');
  const xi = xp < 0 ? x.length : xp;
  const yi = yp < 0 ? y.length : yp;
  // Whole parts without leading zeros: the longer one is larger; same length compares as text.
  if (xi !== yi) return sign * (xi < yi ? -1 : 1);
  const width = Math.max(x.length - xi, y.length - yi);
  const fx = (xp < 0 ? `${x}.` : x).padEnd(xi + width, '0');
  const fy = (yp < 0 ? `${y}.` : y).padEnd(yi + width, '0');
  return fx === fy ? 0 : sign * (fx < fy ? -1 : 1);
}
