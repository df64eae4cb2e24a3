import { z } from 'zod';
import { numberConventions } from './numbers.ts';
import { parseDocument } from './parse-document.ts';

/**
 * A mapping says how to read a foreign-shaped CSV or XLSX file: which column holds the region,
 * the period, the value, the indicator and the source, or which constant stands for them, and how
 * its numbers are written. Without a mapping a file must be in chiso's own format.
 */
const dictionary = z.record(z.string(), z.string().min(1));

/** A field read from a column (translated through `values` or `contains` if given) or a constant. */
const field = z.union([
  z.object({ constant: z.union([z.string(), z.number()]).transform(String) }).strict(),
  z
    .object({
      column: z.string().min(1),
      /** Exact cell text → value. */
      values: dictionary.optional(),
      /** Substring of the cell → value; the first that matches wins. */
      contains: dictionary.optional(),
    })
    .strict(),
]);

const indicatorTarget = z.union([z.string().min(1), z.object({ slug: z.string().min(1), multiply: z.number().positive().optional() }).strict()]);

export const mappingSchema = z
  .object({
    /** How numbers written as text read; required when a value column holds text. */
    numbers: z.enum(numberConventions as [string, ...string[]]).optional(),
    /** The row that holds the column names (rows above it are skipped). @default 1 */
    headerRow: z.number().int().min(1).default(1),
    /** XLSX: the sheet to read. @default the first sheet */
    sheet: z.string().min(1).nullish(),
    /** CSV: the separator. @default "," */
    delimiter: z.enum([',', ';', '\t', '|']).default(','),
    /** The vintage: when these values became known. @default the time of the import */
    recordedAt: z.union([z.iso.datetime(), z.iso.date()]).nullish(),
    region: z.union([
      z
        .object({ constant: z.union([z.string(), z.number()]).transform(String), by: z.enum(['code', 'name']).default('code'), names: dictionary.optional() })
        .strict(),
      z.object({ column: z.string().min(1), by: z.enum(['code', 'name']).default('code'), names: dictionary.optional() }).strict(),
    ]),
    period: field,
    value: z.object({ column: z.string().min(1), multiply: z.number().positive().optional() }).strict(),
    indicator: z.union([
      z.object({ constant: z.string().min(1) }).strict(),
      z.object({ column: z.string().min(1), values: z.record(z.string(), indicatorTarget).optional() }).strict(),
    ]),
    source: field,
    qualifier: field.optional(),
    status: field.optional(),
    note: field.optional(),
    changePercent: field.optional(),
    changeAbsolute: field.optional(),
    changeAgainst: field.optional(),
  })
  .strict();

export type Mapping = z.infer<typeof mappingSchema>;
export type FieldSpec = z.infer<typeof field>;

/** chiso's own format: one observation a row, these columns (the first five required). */
export const ownColumns = [
  'indicator',
  'region',
  'period',
  'value',
  'source',
  'qualifier',
  'status',
  'change_percent',
  'change_absolute',
  'change_against',
  'note',
] as const;

/** The mapping that reads chiso's own format. */
export function ownFormatMapping(numbers: Mapping['numbers'] = 'plain'): Mapping {
  return {
    numbers,
    headerRow: 1,
    delimiter: ',',
    region: { column: 'region', by: 'code' },
    period: { column: 'period' },
    value: { column: 'value' },
    indicator: { column: 'indicator' },
    source: { column: 'source' },
    qualifier: { column: 'qualifier' },
    status: { column: 'status' },
    note: { column: 'note' },
    changePercent: { column: 'change_percent' },
    changeAbsolute: { column: 'change_absolute' },
    changeAgainst: { column: 'change_against' },
  };
}

/** Parses a mapping file (YAML or JSON; JSON is YAML) and checks it; errors name the field. */
export function parseMapping(name: string, text: string): Promise<Mapping> {
  return parseDocument(name, text, mappingSchema, 'mapping');
}

/** Every column a mapping reads. */
export function mappedColumns(mapping: Mapping): string[] {
  const specs = [
    mapping.region,
    mapping.period,
    mapping.value,
    mapping.indicator,
    mapping.source,
    mapping.qualifier,
    mapping.status,
    mapping.note,
    mapping.changePercent,
    mapping.changeAbsolute,
    mapping.changeAgainst,
  ];
  return [...new Set(specs.flatMap((s) => (s && 'column' in s ? [s.column] : [])))];
}
