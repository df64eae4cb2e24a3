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
  exact: 'EXACT', more_than: 'MORE_THAN', less_than: 'LESS_THAN', approximately: 'APPROXIMATELY',
  '>': 'MORE_THAN', '<': 'LESS_THAN', '~': 'APPROXIMATELY', 'trên': 'MORE_THAN', 'hơn': 'MORE_THAN', 'dưới': 'LESS_THAN', 'khoảng': 'APPROXIMATELY', 'gần': 'APPROXIMATELY',
};
const statuses: Record<string, string> = { provisional: 'PROVISIONAL', final: 'FINAL', 'sơ bộ': 'PROVISIONAL', 'ước tính': 'PROVISIONAL', 'chính thức': 'FINAL' };
const againsts: Record<string, string> = { same_period_last_year: 'SAME_PERIOD_LAST_YEAR', previous_period: 'PREVIOUS_PERIOD', 'cùng kỳ': 'SAME_PERIOD_LAST_YEAR', 'kỳ trước': 'PREVIOUS_PERIOD' };

const MAX_DIGITS = 22;
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

/**
 * Reads one raw row into an observation to stage, or reports every problem of the row. Each
 * problem names the column, the value seen and what was expected.
 */
export function createRowReader(options: RowReaderOptions) {
  const { file, header, mapping, lookups } = options;
  const convention = options.numbers ?? (mapping.numbers as NumberConvention | undefined);
  const index = new Map(header.map((name, i) => [name, i]));
  const periods = new Map<string, Period | string>();

  return function readRow(raw: RawRow, report: (p: ImportProblem) => void): StagedRow | null {
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
      const hit = f.text === undefined ? undefined : (table[f.text.toLowerCase()] ?? (Object.values(table).includes(f.text.toUpperCase()) ? f.text.toUpperCase() : undefined));
      if (!hit) problem(f.column ?? name, f.cell, `one of ${[...new Set(Object.values(table))].join(', ')}`);
      return hit ?? null;
    };

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
        if (!slug) problem(column, cell, `one of the indicator values the mapping lists (${Object.keys(mapping.indicator.values).slice(0, 6).join(', ')}${Object.keys(mapping.indicator.values).length > 6 ? ', …' : ''})`);
      } else if (!text) problem(column, null, 'an indicator slug (required)');
      if (slug) {
        indicator = lookups.indicators.get(slug) ?? null;
        if (!indicator) problem(column, cell, `an indicator slug from the catalogue; "${slug}" is not one (define it in a catalogue file, or correct the slug)`);
      }
    }
    if (mapping.value.multiply) multiply *= mapping.value.multiply;

    // Period
    const pf = fieldText(mapping.period);
    let period: Period | null = null;
    const periodText = pf.cell instanceof Date ? formatDay(pf.cell) : required(pf, 'period', 'a period: 2021, 2021-Q3, 2021-09, 2021-YTD-09, 2020-12-15/2021-09-15 or 2021-10-10');
    if (periodText) {
      let parsed = periods.get(periodText);
      if (parsed === undefined) {
        try {
          parsed = parsePeriod(periodText);
        } catch (error) {
          parsed = error instanceof GraphQLError ? error.message : String(error);
        }
        if (periods.size < 10_000) periods.set(periodText, parsed);
      }
      if (typeof parsed === 'string') problem(pf.column ?? 'period', pf.cell, parsed.replace(/^"[^"]*" is not a period: /, 'a period: '));
      else period = parsed;
    }

    // Region, valid over the whole period
    const rf = mapping.region;
    const rCell: Cell = 'constant' in rf ? rf.constant : cellOf(rf.column);
    const rColumn = 'column' in rf ? rf.column : null;
    let region: { id: number; code: string } | null = null;
    if (rCell === null || cellText(rCell).trim() === '') problem(rColumn ?? 'region', null, rf.by === 'name' ? 'a province name (required)' : 'a region code (required)');
    else {
      let codes: string[];
      const text = cellText(rCell).trim();
      if (rf.by === 'name') {
        codes = lookups.codesForName(text, rf.names);
        if (!codes.length) problem(rColumn, rCell, 'a province name from the reference list (add it under region.names in the mapping if the file spells it its own way)');
      } else codes = [/^\d{1,2}$/.test(text) ? text.padStart(2, '0') : text];
      if (period && codes.length) {
        const found = codes.map((c) => lookups.region(c, period.start, period.end));
        const hits = found.filter((f): f is { id: number; code: string } => 'id' in f);
        if (hits.length === 1) region = hits[0]!;
        else if (hits.length > 1) problem(rColumn, rCell, `one province; this name matches ${hits.map((h) => h.code).join(' and ')}: write the code instead`);
        else problem(rColumn, rCell, (found[0] as { problem: string }).problem);
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
      let d = new Prisma.Decimal(value);
      if (multiply !== 1) d = d.times(multiply);
      const [int = '', frac = ''] = d.abs().toFixed().split('.');
      if (int.length > MAX_DIGITS || frac.length > MAX_DECIMALS) problem(mapping.value.column, vCell, `a value with at most ${MAX_DIGITS} digits before and ${MAX_DECIMALS} after the decimal point`);
      else if (indicator.integer && !d.isInteger()) problem(mapping.value.column, vCell, `a whole number: ${indicator.slug} counts ${indicator.unitCode}`);
      else if ((indicator.min && d.lt(indicator.min)) || (indicator.max && d.gt(indicator.max))) {
        const range = `${indicator.min ? `from ${indicator.min.toString()}` : ''}${indicator.min && indicator.max ? ' ' : ''}${indicator.max ? `to ${indicator.max.toString()}` : ''}`;
        problem(mapping.value.column, vCell, `a value ${range} (${indicator.slug} is in ${indicator.unitCode})${multiply !== 1 ? ` after multiplying by ${multiply}` : ''}`);
      }
      value = d.toFixed();
    }

    // Source
    const sf = fieldText(mapping.source);
    const sourceKey = required(sf, 'source', 'a source key defined in the catalogue (e.g. nld-2021-10-10-quang-nam)');
    const sourceId = sourceKey ? lookups.sources.get(sourceKey) : undefined;
    if (sourceKey && sourceId === undefined) problem(sf.column ?? 'source', sf.cell, `a source key from the catalogue; "${sourceKey}" is not one (define it under "sources" in a catalogue file)`);

    // Optional fields
    const qualifier = choice(mapping.qualifier, 'qualifier', qualifiers, 'EXACT');
    const status = choice(mapping.status, 'status', statuses, 'PROVISIONAL');
    const cp = fieldText(mapping.changePercent);
    const ca = fieldText(mapping.changeAbsolute);
    const changePercent = cp.text ? number(cp.column, cp.cell, 'a change in percent') : null;
    const changeAbsolute = ca.text ? number(ca.column, ca.cell, 'a change in the indicator unit') : null;
    const changeAgainst = choice(mapping.changeAgainst, 'change_against', againsts, null);
    if ((changePercent !== null || changeAbsolute !== null) && !changeAgainst) {
      problem(mapping.changeAgainst && 'column' in mapping.changeAgainst ? mapping.changeAgainst.column : 'change_against', null, 'SAME_PERIOD_LAST_YEAR or PREVIOUS_PERIOD: what the reported change compares against');
    }
    const nf = fieldText(mapping.note);
    const note = nf.text ? nf.text : null;

    if (!ok || !indicator || !period || !region || value === null || sourceId === undefined || !qualifier || !status) return null;
    return {
      row: raw.row,
      indicatorId: indicator.id,
      regionId: region.id,
      periodKind: period.kind,
      periodStart: formatDay(period.start),
      periodEnd: formatDay(period.end),
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
