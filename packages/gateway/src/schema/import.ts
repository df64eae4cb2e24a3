import { Readable } from 'node:stream';
import { regionForbidden, requireScope } from '../auth/principal.ts';
import { builder } from '../builder.ts';
import { badUserInput } from '../errors.ts';
import { importData, ImportForbiddenError, type ImportReport } from '../import/import-data.ts';
import type { ImportProblem } from '../import/problems.ts';
import { ImportFileError } from '../import/problems.ts';
import type { Revision } from '../import/stage.ts';
import { periodOf } from '../analytics/period.ts';
import { PeriodRef } from './period.ts';

/** An uploaded file (GraphQL multipart request convention, which yoga parses). */
export const FileScalar = builder.scalarType('File', {
  description: 'A file sent with the GraphQL multipart request convention (https://github.com/jaydenseric/graphql-multipart-request-spec).',
  serialize: () => {
    throw new Error('File is an input only');
  },
  parseValue: (value) => {
    if (value instanceof File || (value && typeof (value as File).stream === 'function')) return value as File;
    throw badUserInput('expected a file sent as a multipart upload (the GraphQL multipart request convention)');
  },
});

const NumberConventionEnum = builder.enumType('NumberConvention', {
  description: 'How numbers written as text read. Stated, never guessed: "54.913" is 54913 in Vietnamese writing and 54.913 in English writing.',
  values: {
    PLAIN: { description: 'Digits and at most one decimal point, no grouping (54913, 99.8); "54.913" is refused as ambiguous.' },
    VI: { description: 'Vietnamese: "." groups thousands, "," marks decimals (54.913; 99,8).' },
    EN: { description: 'English: "," groups thousands, "." marks decimals (54,913; 99.8).' },
  },
});

const Problem = builder.objectRef<ImportProblem>('ImportProblem').implement({
  description: 'One thing wrong in a file: where, what was seen, what was expected.',
  fields: (t) => ({
    file: t.exposeString('file'),
    row: t.exposeInt('row', { description: 'The row as a spreadsheet numbers it (the header is row 1); 0 for the whole file.' }),
    column: t.exposeString('column', { nullable: true }),
    value: t.exposeString('value', { nullable: true, description: 'The value seen.' }),
    expected: t.exposeString('expected', { description: 'What the cell should hold, and how to fix it.' }),
  }),
});

const RevisionRef = builder.objectRef<Revision>('ImportRevision').implement({
  description: 'A stored value the import replaces with a new vintage (the old one is kept and superseded).',
  fields: (t) => ({
    row: t.exposeInt('row'),
    indicator: t.exposeString('indicator'),
    region: t.exposeString('region'),
    period: t.field({ type: PeriodRef, resolve: (r) => periodOf(r.periodKind as never, r.periodStart, r.periodEnd) }),
    before: t.string({ resolve: (r) => r.before.toString() }),
    after: t.string({ resolve: (r) => r.after.toString() }),
    beforeRecordedAt: t.field({ type: 'DateTime', resolve: (r) => r.beforeRecordedAt }),
  }),
});

const CatalogueChangesRef = builder.objectRef<ImportReport['catalogue']>('CatalogueChanges').implement({
  description: 'Catalogue entries a file defined or changed.',
  fields: (t) => ({ units: t.exposeInt('units'), indicators: t.exposeInt('indicators'), sources: t.exposeInt('sources') }),
});

const Report = builder.objectRef<ImportReport>('ImportReport').implement({
  description: 'What an import did, or would do (dry run), or why it wrote nothing (problems).',
  fields: (t) => ({
    ok: t.exposeBoolean('ok', { description: 'False when any problem was found: then nothing was written.' }),
    dryRun: t.exposeBoolean('dryRun'),
    fileName: t.exposeString('fileName'),
    format: t.exposeString('format', { description: 'CSV or XLSX.' }),
    mappingName: t.exposeString('mappingName', { nullable: true }),
    rows: t.exposeInt('rows', { description: 'Data rows read.' }),
    added: t.exposeInt('added'),
    revised: t.exposeInt('revised', { description: 'Values that became a new vintage of a stored one.' }),
    unchanged: t.exposeInt('unchanged'),
    problemCount: t.exposeInt('problemCount'),
    problems: t.field({ type: [Problem], complexity: 1, description: 'Every problem (up to 10,000; problemCount counts all).', resolve: (r) => r.problems }),
    revisions: t.field({ type: [RevisionRef], complexity: 1, description: 'The first 100 revised rows.', resolve: (r) => r.revisions }),
    catalogue: t.field({ type: CatalogueChangesRef, resolve: (r) => r.catalogue }),
    importId: t.exposeInt('importId', { nullable: true, description: 'The recorded import; null for a dry run, a failed one, or one that changed nothing.' }),
    recordedAt: t.field({ type: 'DateTime', nullable: true, description: 'The vintage of the values written.', resolve: (r) => r.recordedAt }),
    durationMs: t.exposeInt('durationMs'),
  }),
});

// yoga's parsed uploads are @whatwg-node ponyfill Files, whose stream() is not a native ReadableStream (Readable.fromWeb refuses it); both are async iterables.
const asStream = (file: File) => Readable.from(file.stream() as unknown as AsyncIterable<Uint8Array>, { objectMode: false });

builder.mutationField('importData', (t) =>
  t.field({
    type: Report,
    description:
      "Imports a CSV or XLSX file of observations: chiso's own format, or any shape with a mapping file (YAML or JSON); a catalogue file may define " +
      'indicators, units and sources at the same time (ADMIN). Every row is checked; one problem and nothing is written (the report lists them all). Needs ' +
      "a PUBLISH key limited to the rows' regions, or an ADMIN key.",
    args: {
      file: t.arg({ type: FileScalar, required: true }),
      mapping: t.arg({ type: FileScalar, description: 'How to read a file in its own shape.' }),
      catalogue: t.arg({ type: FileScalar, description: 'Units, indicators and sources to define or update (needs ADMIN).' }),
      numbers: t.arg({
        type: NumberConventionEnum,
        description: "How text numbers are written; overrides the mapping's. chiso's own format defaults to PLAIN.",
      }),
      dryRun: t.arg.boolean({ defaultValue: false, description: 'Check and count what would change; write nothing.' }),
    },
    resolve: async (_root, args, ctx) => {
      const principal = requireScope(await ctx.principal(), args.catalogue ? 'ADMIN' : 'PUBLISH');
      const text = async (f: File | null | undefined) => (f ? { name: f.name || 'upload', text: await f.text() } : null);
      try {
        return await importData(ctx.prisma, {
          file: { name: args.file.name || 'upload.csv', open: () => asStream(args.file), size: args.file.size },
          mapping: await text(args.mapping),
          catalogue: await text(args.catalogue),
          numbers: args.numbers ? (args.numbers.toLowerCase() as 'plain' | 'vi' | 'en') : null,
          dryRun: args.dryRun ?? false,
          principal,
        });
      } catch (error) {
        if (error instanceof ImportForbiddenError) throw regionForbidden(error.principal, error.regions);
        if (error instanceof ImportFileError) throw badUserInput(error.message);
        throw error;
      }
    },
  }),
);
