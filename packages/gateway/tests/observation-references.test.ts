import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';

/**
 * Observation's references (indicator, region, source, import) are checked once per statement by
 * triggers (migration observation_set_based_references) instead of once per row by foreign keys.
 * These tests hold them to what the foreign keys guaranteed.
 */
describe.each(databaseKinds)('Observation references on %s', (kind) => {
  let db: TestDatabase;
  let ids: { indicator: number; region: number; source: number };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const [indicator, region, source] = await Promise.all([
      db.prisma.indicator.findUniqueOrThrow({ where: { slug: 'pci_score' } }),
      db.prisma.region.findFirstOrThrow({ where: { code: '49', level: 'PROVINCE' } }),
      db.prisma.source.findFirstOrThrow(),
    ]);
    ids = { indicator: indicator.id, region: region.id, source: source.id };
  });
  afterAll(() => db?.dispose());

  const row = (over: Partial<{ indicatorId: number; regionId: number; sourceId: number; importId: number | null; periodStart: Date }> = {}) => ({
    indicatorId: ids.indicator,
    regionId: ids.region,
    sourceId: ids.source,
    periodKind: 'YEAR' as const,
    periodStart: new Date('1990-01-01'),
    periodEnd: new Date('1990-12-31'),
    value: 1,
    ...over,
  });

  // Prisma reports foreign_key_violation by constraint name, as it did for the foreign keys; raw SQL gets the triggers' message.
  it('refuses a statement that writes an observation of an unknown indicator, region, source or import, and writes none of its rows', async () => {
    const before = await db.prisma.observation.count();
    const cases: Array<[Partial<Parameters<typeof row>[0]>, RegExp]> = [
      [{ indicatorId: 999_999 }, /Foreign key constraint violated on the constraint: `Observation_indicatorId_fkey`/],
      [{ regionId: 999_998 }, /`Observation_regionId_fkey`/],
      [{ sourceId: 999_997 }, /`Observation_sourceId_fkey`/],
      [{ importId: 999_996 }, /`Observation_importId_fkey`/],
    ];
    for (const [over, message] of cases) {
      // A valid row and a bad one in one statement: the statement fails whole.
      await expect(db.prisma.observation.createMany({ data: [row(), row({ ...over, periodStart: new Date('1991-01-01') })] })).rejects.toThrow(message);
    }
    const valid = await db.prisma.observation.create({ data: row() });
    await expect(db.prisma.observation.update({ where: { id: valid.id }, data: { regionId: 999_995 } })).rejects.toThrow(/`Observation_regionId_fkey`/);
    expect(await db.prisma.observation.count()).toBe(before + 1);
    await db.prisma.observation.delete({ where: { id: valid.id } });
  });

  it('refuses to delete or renumber an indicator, region or source that observations use, and lets an unused one go', async () => {
    await expect(db.prisma.indicator.delete({ where: { id: ids.indicator } })).rejects.toThrow(/`Observation_indicatorId_fkey`/);
    // A unit of its own, so that no other reference (parent, succession) stands in the way.
    const unit = await db.prisma.region.create({
      data: { key: 'test:references', code: 'T1', level: 'PROVINCE', nameVi: 'Thử', nameEn: 'Test', fullNameVi: 'Tỉnh Thử' },
    });
    const used = await db.prisma.observation.create({ data: row({ regionId: unit.id }) });
    await expect(db.prisma.region.delete({ where: { id: unit.id } })).rejects.toThrow(/`Observation_regionId_fkey`/);
    await expect(db.prisma.source.delete({ where: { id: ids.source } })).rejects.toThrow(/`Observation_sourceId_fkey`/);
    await expect(db.prisma.$executeRawUnsafe(`UPDATE "Region" SET id = 999994 WHERE id = ${unit.id}`)).rejects.toThrow(
      /Region \d+ is still referenced by observations/,
    );
    expect(await db.prisma.region.findUnique({ where: { id: unit.id } })).not.toBeNull();
    await db.prisma.observation.delete({ where: { id: used.id } });
    await db.prisma.region.delete({ where: { id: unit.id } });
    // Renaming a used row is fine: only its id matters.
    await db.prisma.source.update({ where: { id: ids.source }, data: { note: 'checked' } });
    const unused = await db.prisma.source.create({ data: { key: 'unused-source', kind: 'OTHER', publisher: 'nobody', title: 'unused' } });
    await db.prisma.source.delete({ where: { id: unused.id } });
    expect(await db.prisma.source.findUnique({ where: { id: unused.id } })).toBeNull();
  });

  it('keeps the values of a deleted import and forgets which import recorded them', async () => {
    const batch = await db.prisma.importBatch.create({
      data: { actor: 'test', fileName: 'f.csv', fileSha256: 'x', format: 'csv', recordedAt: new Date(), rows: 1, added: 1, revised: 0, unchanged: 0 },
    });
    const written = await db.prisma.observation.create({ data: row({ importId: batch.id }) });
    await db.prisma.importBatch.delete({ where: { id: batch.id } });
    expect((await db.prisma.observation.findUniqueOrThrow({ where: { id: written.id } })).importId).toBeNull();
    await db.prisma.observation.delete({ where: { id: written.id } });
  });
});
