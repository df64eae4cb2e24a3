import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFileError, dataDir } from '../src/db/seed/files.ts';
import { seedDatabase } from '../src/db/seed/seed.ts';
import { importData } from '../src/import/import-data.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { graphqlClient } from './helpers/graphql.ts';
import { bundledCounts, bundledRows } from './helpers/bundled.ts';
import { observationWhere } from './helpers/observations.ts';

/** A copy of the data folder with some files edited (paths under imports/, or `../name` beside it). */
async function copyOfData(edits: Record<string, (text: string) => string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-data-'));
  await fs.cp(dataDir, dir, { recursive: true });
  for (const [relative, edit] of Object.entries(edits)) {
    const file = path.join(dir, 'imports', relative);
    await fs.writeFile(file, edit(await fs.readFile(file, 'utf8')));
  }
  return dir;
}

/** Replaces the `line`th line (1 = header) of a CSV text. */
const editLine = (line: number, edit: (text: string) => string) => (text: string) =>
  text
    .split('\n')
    .map((l, i) => (i === line - 1 ? edit(l) : l))
    .join('\n');

/**
 * The seed loads the reference data and every bundled file of prisma/data/imports/index.json
 * through the import code, in one transaction. Expected counts come from the data files.
 */
describe.each(databaseKinds)('seeding and revisions on %s', (kind) => {
  let db: TestDatabase;
  const copies: string[] = [];
  beforeAll(async () => {
    db = await openTestDatabase(kind, { seed: false });
  });
  afterAll(async () => {
    await db?.dispose();
    for (const dir of copies) await fs.rm(dir, { recursive: true, force: true });
  });

  const everything = async () => ({
    regions: await db.prisma.region.count(),
    indicators: await db.prisma.indicator.count(),
    units: await db.prisma.unit.count(),
    sources: await db.prisma.source.count(),
    observations: await db.prisma.observation.count(),
    imports: await db.prisma.importBatch.count(),
    audit: await db.prisma.auditEvent.count(),
  });
  const empty = { regions: 0, indicators: 0, units: 0, sources: 0, observations: 0, imports: 0, audit: 0 };

  it('refuses an example chart that names an unknown indicator, saying which chart and what to fix', async () => {
    const badChart = await copyOfData({ '../example-charts.json': (t) => t.replace('"indicators": ["pci_score"]', '"indicators": ["pci_scor"]') });
    copies.push(badChart);
    const error = await seedDatabase(db.prisma, { dataDir: badChart }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toMatch(/^example-charts\.json: chart example-pci-line: unknown indicator "pci_scor"/);
    expect(await everything()).toEqual(empty);
    expect(await db.prisma.savedChart.count()).toBe(0);
  });

  it('writes nothing when a bundled file has problems, and lists each with its file, row and column', async () => {
    // Two problems in the first set's file: a number that is not plain, and an unknown slug.
    const nld = 'nld-2021-quang-nam/observations.csv';
    const badRows = await copyOfData({
      [nld]: (t) => editLine(7, (l) => l.replace('dossiers_online,', 'dossiers_onlin,'))(editLine(4, (l) => l.replace(',54913,', ',"54.913,0",'))(t)),
    });
    copies.push(badRows);
    const error = await seedDatabase(db.prisma, { dataDir: badRows }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe(`${nld}: 2 problem(s):`);
    expect(lines[1]).toMatch(/^ {2}row 4, value: "54\.913,0": expected a plain number like 54913 or 99\.8/);
    expect(lines[2]).toMatch(/^ {2}row 7, indicator: "dossiers_onlin": expected an indicator slug from the catalogue; "dossiers_onlin" is not one/);
    expect(await everything()).toEqual(empty);

    // A problem in the last file: the regions, the catalogue and the files before it are rolled back with it.
    const last = 'provinces-63/population-enterprises-2016-2022-pci-2020-2022.csv';
    const lastRow = bundledRows(last) + 1;
    const badLast = await copyOfData({ [last]: editLine(lastRow, (l) => l.replace(/,2022,/, ',2025,')) });
    copies.push(badLast);
    const late = await seedDatabase(db.prisma, { dataDir: badLast }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(DataFileError);
    expect((late as Error).message).toMatch(
      new RegExp(
        `^${last}: 1 problem\\(s\\):\\n {2}row ${lastRow}, province_code: "\\d\\d": expected a region that existed for the whole period \\(2025-01-01 to 2025-12-31\\)`,
      ),
    );
    expect(await everything()).toEqual(empty);

    // A mapping that is not valid names the file and the field.
    const mapping = 'provinces-63/papi-2019.mapping.yaml';
    const badMapping = await copyOfData({ [mapping]: (t) => t.replace('value:     { column: value }', 'value:     { column: value, times: 2 }') });
    copies.push(badMapping);
    const unread = await seedDatabase(db.prisma, { dataDir: badMapping }).catch((e: unknown) => e);
    expect(unread).toBeInstanceOf(DataFileError);
    expect((unread as Error).message).toMatch(
      /^provinces-63\/papi-2019\.csv: provinces-63\/papi-2019\.mapping\.yaml is not a valid mapping:\n {2}(at )?value: Unrecognized key: "times"/,
    );
    expect(await everything()).toEqual(empty);
  }, 300_000);

  it('loads everything once; a second run adds nothing', async () => {
    const expected = bundledCounts();
    const first = await seedDatabase(db.prisma);
    expect(first).toEqual({
      regions: expected.regions,
      successions: expected.successions,
      indicators: expected.indicatorSlugs.size,
      observationsCreated: expected.observations,
      observationsRevised: 0,
    });
    const loaded = await everything();
    expect(loaded).toMatchObject({
      regions: expected.regions,
      indicators: expected.indicatorSlugs.size,
      observations: expected.observations,
      imports: expected.files,
    });
    const batches = await db.prisma.importBatch.findMany({ orderBy: { id: 'asc' } });
    expect(batches.every((b) => b.actor === 'seed' && b.revised === 0 && b.unchanged === 0 && b.added === b.rows)).toBe(true);

    // The example pages' charts, version 1 each; a second run leaves them (and any later version) alone.
    const charts = async () =>
      (await db.prisma.savedChart.findMany({ orderBy: { id: 'asc' }, include: { versions: true } })).map((c) => [c.id, c.versions.length]);
    expect(await charts()).toEqual([
      ['example-pci-column', 1],
      ['example-pci-line', 1],
    ]);

    const second = await seedDatabase(db.prisma);
    expect(second).toEqual({ ...first, observationsCreated: 0 });
    expect(await everything()).toEqual(loaded);
    expect(await charts()).toEqual([
      ['example-pci-column', 1],
      ['example-pci-line', 1],
    ]);
    expect(await db.prisma.regionSuccession.count()).toBe(expected.successions);
  });

  it('keeps the old value when a figure is revised, and serves the new one', async () => {
    const query = graphqlClient(db.prisma);
    const current = await db.prisma.observation.findFirstOrThrow({
      where: await observationWhere(db.prisma, { indicator: 'dossiers_resolved', supersededAt: null }),
    });
    const revisedAt = new Date('2022-01-20T00:00:00Z');
    const file = (text: string) => ({ name: 'revision.csv', open: () => Readable.from([text]) });
    const row = (value: string, status: string) =>
      `indicator,region,period,value,source,status\ndossiers_resolved,49,2020-12-15/2021-09-15,${value},nld-2021-10-10-quang-nam,${status}\n`;

    const revised = await importData(db.prisma, { file: file(row('44700', 'FINAL')), recordedAt: revisedAt });
    expect(revised).toMatchObject({ ok: true, added: 0, revised: 1, unchanged: 0 });
    expect(revised.revisions.map((r) => [String(r.before), String(r.after), r.beforeRecordedAt.toISOString()])).toEqual([
      ['44657', '44700', current.recordedAt.toISOString()],
    ]);
    const again = await importData(db.prisma, { file: file(row('44700', 'FINAL')), recordedAt: new Date('2022-02-01T00:00:00Z') });
    expect(again).toMatchObject({ ok: true, revised: 0, unchanged: 1, importId: null });
    // A revision dated before the stored value is refused: vintages only move forward.
    const stale = await importData(db.prisma, { file: file(row('1', 'FINAL')), recordedAt: new Date('2021-01-01T00:00:00Z') });
    expect(stale.ok).toBe(false);
    expect(stale.problems).toEqual([
      expect.objectContaining({ row: 2, expected: expect.stringMatching(/^a vintage later than the stored one \(recorded 2022-01-20T00:00:00\.000Z\)/) }),
    ]);

    const res = await query(
      `{ indicator(slug: "dossiers_resolved") { series(region: "49") { value status recordedAt revisions { value recordedAt supersededAt } } } }`,
    );
    expect(res.data.indicator.series).toEqual([
      {
        value: 44700,
        status: 'FINAL',
        recordedAt: '2022-01-20T00:00:00.000Z',
        revisions: [{ value: 44657, recordedAt: current.recordedAt.toISOString(), supersededAt: '2022-01-20T00:00:00.000Z' }],
      },
    ]);
    const vintages = await db.prisma.observation.findMany({ where: { indicatorId: current.indicatorId }, orderBy: { recordedAt: 'asc' } });
    expect(vintages.map((v) => [v.value.toString(), v.recordedAt.toISOString(), v.supersededAt?.toISOString() ?? null])).toEqual([
      ['44657', current.recordedAt.toISOString(), '2022-01-20T00:00:00.000Z'],
      ['44700', '2022-01-20T00:00:00.000Z', null],
    ]);

    // Loading the bundled data again neither fails nor undoes the revision.
    expect(await seedDatabase(db.prisma)).toMatchObject({ observationsCreated: 0, observationsRevised: 0 });
    expect((await query(`{ indicator(slug: "dossiers_resolved") { series(region: "49") { value } } }`)).data.indicator.series).toEqual([{ value: 44700 }]);
  });
});
