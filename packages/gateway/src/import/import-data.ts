import { createHash } from 'node:crypto';
import os from 'node:os';
import { PassThrough, type Readable } from 'node:stream';
import { recordAudit } from '../auth/audit.ts';
import { writableRegionIds, type Principal } from '../auth/principal.ts';
import { announcePublication, importedIndicators, publishedWith } from '../cache/publication.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { applyCatalogue, isEmptyCatalogue, parseCatalogue, type CatalogueChanges } from './catalogue.ts';
import { loadLookups } from './lookups.ts';
import { mappedColumns, ownColumns, ownFormatMapping, parseMapping, type Mapping } from './mapping.ts';
import type { NumberConvention } from './numbers.ts';
import { ProblemList, type ImportProblem } from './problems.ts';
import { formatOf, readRows, type FileFormat } from './read-rows.ts';
import { createRowReader } from './row-reader.ts';
import {
  MERGE_CHUNK,
  STAGE_BATCH,
  analyzeStage,
  createStage,
  dropStage,
  findDuplicates,
  findStaleRevisions,
  insertStaged,
  listRevisions,
  mergePlan,
  planMerge,
  type PlanCounts,
  type Revision,
  type RowRange,
  type StagedRow,
} from './stage.ts';

type Tx = Prisma.TransactionClient;

/** A text file given by name and content (a mapping or a catalogue). */
export interface NamedText {
  name: string;
  text: string;
}

export interface ImportInput {
  /** The data file: its name (for messages and the format) and a way to stream its bytes. */
  file: { name: string; open(): Readable; size?: number | null };
  mapping?: NamedText | null;
  catalogue?: NamedText | null;
  /** How numbers written as text read; overrides the mapping's. Own-format files default to plain. */
  numbers?: NumberConvention | null;
  /** The vintage; default: the moment the import takes the import lock. */
  recordedAt?: Date | null;
  /** Check everything and count what would change, then write nothing. */
  dryRun?: boolean;
  /** The key that imports (its region limits apply); null for the command line and the seed. */
  principal?: Principal | null;
  /** Who imports without a key: `cli`, `seed`. */
  actor?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Rows planned and merged at a time while reading (default MERGE_CHUNK); tests make it small. */
  chunkRows?: number;
}

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing' | 'done';
  rows: number;
  bytes: number;
  totalBytes: number | null;
}

export interface ImportReport {
  /** False when any problem was found: then nothing was written. */
  ok: boolean;
  dryRun: boolean;
  fileName: string;
  format: FileFormat;
  mappingName: string | null;
  rows: number;
  added: number;
  revised: number;
  unchanged: number;
  /** Every problem, up to MAX_LISTED_PROBLEMS; `problemCount` counts them all. */
  problems: ImportProblem[];
  problemCount: number;
  /** The first revised rows with the values they replace. */
  revisions: Revision[];
  catalogue: CatalogueChanges;
  /** Slugs of the indicators whose values changed, ratios computed from them included: what cached answers this import invalidates. */
  changedIndicators: string[];
  /** The import's number in the publication log (cache/publication.ts); null when it changed nothing. */
  publicationId: number | null;
  importId: number | null;
  recordedAt: Date | null;
  durationMs: number;
}

/** The key refused some regions: nothing was written. */
export class ImportForbiddenError extends Error {
  override name = 'ImportForbiddenError';
  constructor(
    readonly principal: Principal,
    readonly regions: string[],
  ) {
    super(`the key may not write for ${regions.join(', ')}`);
  }
}

/** Thrown inside the transaction to roll it back and carry the report out. */
class Rollback extends Error {
  constructor(readonly report: ImportReport) {
    super('rolled back');
  }
}

// Any constant works: imports take it for their transaction, so they run one after another and
// each one's vintage is later than the one before it.
const IMPORT_LOCK = 7_267_001;

/**
 * Imports one file: validates every row, then writes all of it or nothing, in one transaction.
 * The command line, the GraphQL upload, the publish page and the first start's bundled data all
 * come here. Imports run one at a time (an advisory lock); a killed import leaves no trace.
 */
export async function importData(prisma: PrismaClient, input: ImportInput): Promise<ImportReport> {
  try {
    const report = await prisma.$transaction((tx) => importInTransaction(tx, input, { rollbackOnProblems: true }), {
      timeout: 6 * 60 * 60_000,
      maxWait: 10 * 60_000,
    });
    if (report.changedIndicators.length)
      await publishedWith(prisma, { indicators: report.changedIndicators, charts: [], ...(report.publicationId ? { id: report.publicationId } : {}) });
    return report;
  } catch (error) {
    if (error instanceof Rollback) return error.report;
    throw error;
  }
}

/**
 * The import inside a transaction the caller holds (the seed loads several files in one). With
 * problems, or for a dry run, it throws an internal rollback that `importData` turns into its report.
 */
export async function importInTransaction(tx: Tx, input: ImportInput, options: { rollbackOnProblems: boolean }): Promise<ImportReport> {
  const started = performance.now();
  // One import at a time; and PostgreSQL's own choice of plans for the import's statements, whose
  // arrays of thousands of rows a generic plan (the gateway's setting, database.ts) would misjudge.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK}), set_config('plan_cache_mode', 'auto', true)`;
  const [{ now }] = await tx.$queryRaw<[{ now: Date }]>`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`;
  const mapping: Mapping = input.mapping ? await parseMapping(input.mapping.name, input.mapping.text) : ownFormatMapping(input.numbers ?? 'plain');
  // A vintage stated by the caller or the mapping (figures known since a date); else this moment.
  const statedVintage =
    input.recordedAt ?? (mapping.recordedAt ? new Date(mapping.recordedAt.length === 10 ? `${mapping.recordedAt}T00:00:00.000Z` : mapping.recordedAt) : null);
  const recordedAt = statedVintage ?? now;
  const catalogue = input.catalogue ? await parseCatalogue(input.catalogue.name, input.catalogue.text) : null;
  const changes =
    catalogue && !isEmptyCatalogue(catalogue) ? await applyCatalogue(tx, input.catalogue!.name, catalogue) : { units: 0, indicators: 0, sources: 0 };
  const lookups = await loadLookups(tx);
  const writable = input.principal ? await writableRegionIds(tx, input.principal) : null;

  const problems = new ProblemList();
  const forbidden = new Set<string>();
  const report = (p: ImportProblem) => problems.add(p);
  const progress = { phase: 'reading' as ImportProgress['phase'], rows: 0, bytes: 0, totalBytes: input.file.size ?? null };
  const tell = (phase: ImportProgress['phase']) => {
    progress.phase = phase;
    input.onProgress?.({ ...progress });
  };

  // Bytes are hashed and counted as they stream by.
  const hash = createHash('sha256');
  const counted = new PassThrough();
  counted.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    progress.bytes += chunk.length;
  });
  const source = input.file.open();
  source.on('error', (e) => counted.destroy(e));
  source.pipe(counted);
  const format = formatOf(input.file.name);
  const { header, rows } = await readRows(counted, {
    fileName: input.file.name,
    format,
    headerRow: mapping.headerRow,
    delimiter: mapping.delimiter,
    sheet: mapping.sheet,
  });
  checkHeader(input.file.name, header, mapping, !input.mapping, mapping.headerRow, report);

  await createStage(tx);
  // Rows go to the database while the file is still being read: staged in batches, and every
  // MERGE_CHUNK rows planned and merged, in this transaction (nothing is visible before it commits;
  // a problem found later rolls all of it back). The database's statements run one after another in
  // a queue the reader fills, so that parsing and checking overlap the database's work; the reader
  // waits when a chunk's worth of rows is queued.
  let queue: Promise<void> = Promise.resolve();
  let queued = 0;
  const chunkRows = input.chunkRows ?? MERGE_CHUNK;
  const enqueue = async (rows: number, work: () => Promise<void>) => {
    if (queued >= chunkRows) await queue;
    queued += rows;
    queue = queue.then(work).finally(() => void (queued -= rows));
    // Awaited when the queue is full and after the last row; until then a failure must not go unhandled.
    queue.catch(() => {});
  };
  const totals: PlanCounts = { added: 0, revised: 0, unchanged: 0 };
  const revisions: Revision[] = [];
  let batchRow: { id: number; actor: string } | null = null;
  // The import's own row, made when it first writes; its counts and the file's hash follow at the end.
  const recordBatch = async () =>
    (batchRow ??= await tx.importBatch.create({
      data: {
        keyId: input.principal?.keyId ?? null,
        actor: input.principal ? 'key' : (input.actor ?? `cli (${os.userInfo().username})`),
        fileName: input.file.name,
        fileSha256: '',
        format,
        mappingName: input.mapping?.name ?? null,
        recordedAt,
        rows: 0,
        added: 0,
        revised: 0,
        unchanged: 0,
      },
      select: { id: true, actor: true },
    }));
  const planAndMerge = async (range: RowRange) => {
    const counts = await planMerge(tx, statedVintage, range, batchRow?.id ?? null);
    for (const k of ['added', 'revised', 'unchanged'] as const) totals[k] += counts[k];
    if (statedVintage && counts.revised) {
      for (const stale of await findStaleRevisions(tx, recordedAt, 1000)) {
        report({
          file: input.file.name,
          row: stale.row,
          column: null,
          value: null,
          expected: `a vintage later than the stored one (recorded ${stale.recordedAt.toISOString()}): this import is dated ${recordedAt.toISOString()}`,
        });
      }
    }
    if (counts.revised && revisions.length < 100) revisions.push(...(await listRevisions(tx, 100 - revisions.length)));
    // After a problem nothing more is merged: the transaction will be rolled back.
    if (input.dryRun || problems.count > 0 || counts.added + counts.revised === 0) return;
    if (!batchRow) tell('writing');
    await mergePlan(tx, recordedAt, (await recordBatch()).id);
  };
  let count = 0;
  let pending: StagedRow[] = [];
  let chunk: RowRange | null = null;
  let chunkSize = 0;
  const stage = async (rows: StagedRow[], last: boolean) => {
    if (rows.length) {
      chunk = { from: chunk?.from ?? rows[0]!.row, to: rows.at(-1)!.row };
      chunkSize += rows.length;
      await enqueue(rows.length, () => insertStaged(tx, rows));
    }
    if (chunk && (chunkSize >= chunkRows || last)) {
      const range = chunk;
      chunk = null;
      chunkSize = 0;
      if (problems.count === 0) await enqueue(0, () => planAndMerge(range));
    }
  };
  const headerOk = problems.count === 0;
  if (headerOk) {
    const readRow = createRowReader({ file: input.file.name, header, mapping, numbers: input.numbers ?? undefined, lookups, writable, forbidden });
    for await (const raw of rows) {
      count++;
      const staged = readRow(raw, report);
      // Valid rows are staged even after a problem (the transaction is rolled back then), so that
      // repeated rows are found and reported with every other problem.
      if (staged) pending.push(staged);
      if (pending.length >= Math.min(STAGE_BATCH, chunkRows)) {
        await stage(pending, false);
        pending = [];
      }
      if ((count & 4095) === 0) {
        progress.rows = count;
        tell('reading');
      }
    }
  } else {
    counted.resume();
  }
  await stage(pending, true);
  await queue;
  progress.rows = count;
  tell('checking');
  if (forbidden.size && input.principal) throw new ImportForbiddenError(input.principal, [...forbidden].sort());

  if (headerOk) {
    await analyzeStage(tx);
    for (const d of await findDuplicates(tx, 1000)) {
      for (const row of d.rows) {
        report({
          file: input.file.name,
          row,
          column: null,
          value: null,
          expected: `one row for each indicator, region and period: this row repeats row ${d.first}`,
        });
      }
    }
  }
  if (count === 0 && problems.count === 0)
    report({ file: input.file.name, row: mapping.headerRow + 1, column: null, value: null, expected: 'at least one row of data after the header' });
  const counts = problems.count === 0 ? totals : { added: 0, revised: 0, unchanged: 0 };

  const result: ImportReport = {
    ok: problems.count === 0,
    dryRun: Boolean(input.dryRun),
    fileName: input.file.name,
    format,
    mappingName: input.mapping?.name ?? null,
    rows: count,
    ...counts,
    problems: problems.listed.sort((a, b) => a.row - b.row),
    problemCount: problems.count,
    revisions,
    catalogue: changes,
    changedIndicators: [],
    publicationId: null,
    importId: null,
    recordedAt: null,
    durationMs: 0,
  };
  if (!result.ok || input.dryRun) {
    result.durationMs = Math.round(performance.now() - started);
    tell('done');
    if (options.rollbackOnProblems || input.dryRun) throw new Rollback(result);
    await dropStage(tx);
    return result;
  }

  if (counts.added + counts.revised === 0 && changes.units + changes.indicators + changes.sources === 0) {
    // The same file again: nothing to record, not even the attempt.
    await dropStage(tx);
    result.durationMs = Math.round(performance.now() - started);
    tell('done');
    return result;
  }
  // Made already if rows were written; else only the catalogue changed, which is recorded all the same.
  const batch = await recordBatch();
  await tx.importBatch.update({ where: { id: batch.id }, data: { fileSha256: hash.digest('hex'), rows: count, ...counts, finishedAt: new Date() } });
  await dropStage(tx);
  result.changedIndicators = await importedIndicators(tx, batch.id, changes.units + changes.indicators + changes.sources > 0);
  result.publicationId = await announcePublication(tx, { indicators: result.changedIndicators, charts: [] });
  const audit = { principal: input.principal ?? null, ...(input.principal ? {} : { actor: batch.actor }) };
  if (changes.units + changes.indicators + changes.sources > 0) {
    await recordAudit(tx, { ...audit, action: 'CATALOGUE_CHANGED', subject: input.catalogue!.name, details: { ...changes, import: batch.id } });
  }
  await recordAudit(tx, {
    ...audit,
    action: 'IMPORT',
    subject: `import ${batch.id}`,
    details: { file: input.file.name, mapping: input.mapping?.name ?? null, rows: count, ...counts, recordedAt: recordedAt.toISOString() },
  });
  Object.assign(result, { importId: batch.id, recordedAt, durationMs: Math.round(performance.now() - started) });
  tell('done');
  return result;
}

/** The header must hold every column the mapping reads (and, for chiso's own format, no others). */
function checkHeader(file: string, header: string[], mapping: Mapping, own: boolean, headerRow: number, report: (p: ImportProblem) => void): void {
  const present = new Set(header);
  const has = header.filter(Boolean).join(', ') || 'no column names';
  const needed = own ? (['indicator', 'region', 'period', 'value', 'source'] as string[]) : mappedColumns(mapping);
  for (const column of needed) {
    if (!present.has(column)) report({ file, row: headerRow, column, value: null, expected: `a column named "${column}" (the header has: ${has})` });
  }
  if (own) {
    for (const column of header) {
      if (column && !(ownColumns as readonly string[]).includes(column)) {
        report({
          file,
          row: headerRow,
          column,
          value: column,
          expected: `one of chiso's columns (${ownColumns.join(', ')}); for a file with its own columns, give a mapping file`,
        });
      }
    }
  }
}
