import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { graphqlClient } from './helpers/graphql.ts';

/**
 * N+1 guards: the number of SQL statements an operation sends must not grow with the number of
 * units or observations. Every 2021 province gets observations here so that a per-row query
 * would multiply the count by 63.
 */
describe.each(databaseKinds)('SQL statements per operation on %s', (kind) => {
  let db: TestDatabase;
  let query: ReturnType<typeof graphqlClient>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    query = graphqlClient(db.prisma);
    const provinces = await db.prisma.region.findMany({ where: { level: 'PROVINCE', validTo: { not: null } } });
    const indicators = await db.prisma.indicator.findMany({ where: { slug: { in: ['dossiers_received', 'enterprises_new', 'fdi_projects_new'] } } });
    const source = await db.prisma.source.create({
      data: { key: 'statement-count-fixture', kind: 'SYNTHETIC', publisher: 'chiso tests', title: 'Fixture for statement counts' },
    });
    await db.prisma.observation.createMany({
      data: provinces.flatMap((p, i) =>
        indicators.map((ind) => ({
          indicatorId: ind.id,
          regionId: p.id,
          periodKind: 'YEAR' as const,
          // 2015: a year none of the bundled data covers.
          periodStart: new Date('2015-01-01T00:00:00Z'),
          periodEnd: new Date('2015-12-31T00:00:00Z'),
          value: 1000 + i,
          sourceId: source.id,
        })),
      ),
    });
    expect(provinces).toHaveLength(63);
  });
  afterAll(() => db?.dispose());

  async function countStatements(document: string): Promise<{ count: number; data: any }> {
    db.resetStatements();
    const res = await query(document);
    expect(res.errors).toBeUndefined();
    return { count: db.statements.length, data: res.data };
  }

  it('loads all 63 provinces with their observations, indicators, units and sources in a fixed number of statements', async () => {
    const document = (first: number) => `{
      regions(level: PROVINCE, at: "2021-01-01", first: ${first}) { edges { node {
        code name parent { code }
        observations { value periodStart indicator { slug unit { code } } source { title } region { code } }
        successors { code }
      } } }
    }`;
    const one = await countStatements(document(1));
    const all = await countStatements(document(63));
    const rows = all.data.regions.edges.flatMap((e: any) => e.node.observations);
    // Every current figure of the 63 provinces: the 3 fixture figures of each, the report's and the bundled 63-province data.
    const stored = await db.prisma.observation.count({ where: { supersededAt: null, region: { level: 'PROVINCE', validTo: { not: null } } } });
    expect(rows.length).toBe(stored);
    expect(rows.filter((o: any) => o.source.title === 'Fixture for statement counts')).toHaveLength(63 * 3);
    expect(all.count).toBe(one.count);
    // One statement per relation level (regions, parent, observations, indicator, unit, source,
    // region, succession links, successor), whatever the number of rows.
    expect(all.count).toBeLessThanOrEqual(9);
  });

  it('loads the series of every indicator for a region through one batched statement', async () => {
    const document = (first: number) => `{
      indicators(first: ${first}) { edges { node { slug series(region: "49") { value region { name } source { publisher } } } } }
    }`;
    const one = await countStatements(document(1));
    const all = await countStatements(document(100));
    const edges = all.data.indicators.edges.map((e: any) => e.node);
    // Every indicator, each with all its current figures for Quảng Nam (the report's, the fixture's, the 63-province data's).
    expect(edges).toHaveLength(await db.prisma.indicator.count());
    const stored = await db.prisma.observation.groupBy({ by: ['indicatorId'], where: { supersededAt: null, region: { code: '49' } }, _count: true });
    const slugOf = new Map((await db.prisma.indicator.findMany()).map((i) => [i.id, i.slug]));
    const expected = Object.fromEntries(stored.map((s) => [slugOf.get(s.indicatorId)!, s._count]));
    expect(Object.fromEntries(edges.filter((e: any) => e.series.length).map((e: any) => [e.slug, e.series.length]))).toEqual(expected);
    expect(edges.filter((e: any) => e.series.length > 1).length).toBeGreaterThan(3);
    expect(all.count).toBe(one.count);
    expect(all.count).toBeLessThanOrEqual(4);
  });
});
