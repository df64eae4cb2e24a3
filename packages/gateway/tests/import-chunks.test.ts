import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importData } from '../src/import/import-data.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';

/**
 * An import plans and merges its rows a chunk at a time while it still reads the file (see
 * importInTransaction). With chunks of 20 rows, these files span several chunks: whatever a later
 * chunk finds (a repeated row, a bad value), nothing of the earlier chunks is left written, and
 * counts, revisions and re-imports come out as for one chunk.
 */
const SOURCE = 'nld-2021-10-10-quang-nam';
const INDICATOR = 'enterprises_new';
const CODES = ['01', '02', '04', '06', '08', '10', '11', '12', '14', '15', '17', '19', '20', '22', '24', '25', '26', '27', '30', '31'];

const file = (rows: string[]) => {
  const text = `indicator,region,period,value,source\n${rows.join('\n')}\n`;
  return { name: 'chunks.csv', open: () => Readable.from([Buffer.from(text)]), size: Buffer.byteLength(text) };
};
/** 60 rows: 20 provinces × 3 years (1990–1992, years no other data uses), value = 1000 + row index. */
const rows = (value = (i: number) => 1000 + i) =>
  [1990, 1991, 1992].flatMap((year, y) => CODES.map((code, c) => `${INDICATOR},${code},${year},${value(y * CODES.length + c)},${SOURCE}`));

describe.each(databaseKinds)('imports in chunks on %s', (kind) => {
  let db: TestDatabase;
  const stored = () => db.prisma.observation.count({ where: { periodStart: { lt: new Date('1993-01-01') } } });
  const batches = () => db.prisma.importBatch.count();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.dispose());

  it('writes nothing when a row of the last chunk repeats a row of the first, and reports it', async () => {
    const [before, batchesBefore] = [await stored(), await batches()];
    const lines = rows();
    lines.push(lines[2]!.replace(',1002,', ',7,'));
    const report = await importData(db.prisma, { file: file(lines), chunkRows: 20, actor: 'test' });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ row: 62, expected: 'one row for each indicator, region and period: this row repeats row 4' })]);
    expect(await stored()).toBe(before);
    expect(await batches()).toBe(batchesBefore);
  });

  it('writes nothing when a bad value comes after two chunks were merged', async () => {
    const before = await stored();
    const lines = rows();
    lines[55] = lines[55]!.replace(/,\d+,nld/, ',12x,nld');
    const report = await importData(db.prisma, { file: file(lines), chunkRows: 20, actor: 'test' });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.row)).toEqual([57]);
    expect(await stored()).toBe(before);
  });

  it('adds, then changes nothing on the same file, then records one revision from the last chunk as a new vintage', async () => {
    const before = await stored();
    const first = await importData(db.prisma, { file: file(rows()), chunkRows: 20, actor: 'test' });
    expect(first).toMatchObject({ ok: true, rows: 60, added: 60, revised: 0, unchanged: 0 });
    expect(await stored()).toBe(before + 60);
    const batch = await db.prisma.importBatch.findUniqueOrThrow({ where: { id: first.importId! } });
    expect(batch).toMatchObject({ rows: 60, added: 60, revised: 0, unchanged: 0 });
    expect(batch.fileSha256).toMatch(/^[0-9a-f]{64}$/);

    const batchesBefore = await batches();
    const again = await importData(db.prisma, { file: file(rows()), chunkRows: 20, actor: 'test' });
    expect(again).toMatchObject({ ok: true, added: 0, revised: 0, unchanged: 60, importId: null });
    expect(await batches()).toBe(batchesBefore);

    const revised = await importData(db.prisma, { file: file(rows((i) => (i === 50 ? 5 : 1000 + i))), chunkRows: 20, actor: 'test' });
    expect(revised).toMatchObject({ ok: true, added: 0, revised: 1, unchanged: 59 });
    expect(revised.revisions).toEqual([expect.objectContaining({ row: 52, region: CODES[10], before: expect.anything(), after: expect.anything() })]);
    expect(Number(revised.revisions[0]!.before)).toBe(1050);
    expect(Number(revised.revisions[0]!.after)).toBe(5);
    // The old value is kept, superseded; the new one is current.
    expect(await stored()).toBe(before + 61);
  });
});
