import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFileError, dataDir } from '../src/db/seed/files.ts';
import { recordObservation, seedDatabase } from '../src/db/seed/seed.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { graphqlClient } from './helpers/graphql.ts';

async function copyOfData(edit: (sourceReport: any) => void): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-data-'));
  await fs.cp(dataDir, dir, { recursive: true });
  const file = path.join(dir, 'sources', 'nld-2021-quang-nam.json');
  const report = JSON.parse(await fs.readFile(file, 'utf8'));
  edit(report);
  await fs.writeFile(file, JSON.stringify(report));
  return dir;
}

describe.each(databaseKinds)('seeding and revisions on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind, { seed: false });
  });
  afterAll(() => db?.dispose());

  it('writes nothing when a data file is invalid, and says where and why', async () => {
    const badValue = await copyOfData((r) => (r.observations[2].value = '54.913,0'));
    const error = await seedDatabase(db.prisma, { dataDir: badValue }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toMatch(/nld-2021-quang-nam\.json is not valid:\n {2}at observations\.2\.value: expected a plain decimal/);

    // Unknown slug: found only while writing, inside the transaction; everything before it is rolled back.
    const badSlug = await copyOfData((r) => (r.observations[5].indicator = 'dossiers_recieved'));
    const late = await seedDatabase(db.prisma, { dataDir: badSlug }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(DataFileError);
    expect((late as Error).message).toBe('nld-2021-10-10-quang-nam: observations.5 (dossiers_recieved): unknown indicator "dossiers_recieved"');
    expect(await db.prisma.region.count()).toBe(0);
    expect(await db.prisma.indicator.count()).toBe(0);
    expect(await db.prisma.observation.count()).toBe(0);
  });

  it('loads everything once; a second run adds nothing', async () => {
    const first = await seedDatabase(db.prisma);
    expect(first).toEqual({ regions: 803, successions: 63, indicators: 24, observationsCreated: 24, observationsRevised: 0 });
    const second = await seedDatabase(db.prisma);
    expect(second.observationsCreated).toBe(0);
    expect(await db.prisma.region.count()).toBe(803);
    expect(await db.prisma.regionSuccession.count()).toBe(63);
    expect(await db.prisma.observation.count()).toBe(24);
  });

  it('keeps the old value when a figure is revised, and serves the new one', async () => {
    const query = graphqlClient(db.prisma);
    const current = await db.prisma.observation.findFirstOrThrow({ where: { indicator: { slug: 'dossiers_resolved' }, supersededAt: null } });
    const { id: _id, recordedAt, supersededAt: _s, ...rest } = current;
    const revisedAt = new Date('2022-01-20T00:00:00Z');

    const outcome = await db.prisma.$transaction((tx) => recordObservation(tx, { ...rest, value: '44700', status: 'FINAL', recordedAt: revisedAt }));
    expect(outcome).toBe('revised');
    const again = await db.prisma.$transaction((tx) => recordObservation(tx, { ...rest, value: '44700', status: 'FINAL', recordedAt: new Date('2022-02-01T00:00:00Z') }));
    expect(again).toBe('unchanged');
    const stale = await db.prisma
      .$transaction((tx) => recordObservation(tx, { ...rest, value: '1', recordedAt: new Date('2021-01-01T00:00:00Z') }))
      .catch((e: unknown) => e);
    expect((stale as Error).message).toMatch(/a revision must be recorded later/);

    const res = await query(`{ indicator(slug: "dossiers_resolved") { series(region: "49") { value status recordedAt } } }`);
    expect(res.data.indicator.series).toEqual([{ value: 44700, status: 'FINAL', recordedAt: '2022-01-20T00:00:00.000Z' }]);
    const vintages = await db.prisma.observation.findMany({ where: { indicatorId: current.indicatorId }, orderBy: { recordedAt: 'asc' } });
    expect(vintages.map((v) => [v.value.toString(), v.recordedAt.toISOString(), v.supersededAt?.toISOString() ?? null])).toEqual([
      ['44657', recordedAt.toISOString(), '2022-01-20T00:00:00.000Z'],
      ['44700', '2022-01-20T00:00:00.000Z', null],
    ]);

    // Loading the bundled report again neither fails nor undoes the revision.
    expect(await seedDatabase(db.prisma)).toMatchObject({ observationsCreated: 0, observationsRevised: 0 });
    expect((await query(`{ indicator(slug: "dossiers_resolved") { series(region: "49") { value } } }`)).data.indicator.series).toEqual([{ value: 44700 }]);
  });
});
