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
          periodStart: new Date('2020-01-01T00:00:00Z'),
          periodEnd: new Date('2020-12-31T00:00:00Z'),
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
    expect(rows.length).toBe(63 * 3 + 24); // 3 fixture figures per province + the 24 figures of Quảng Nam
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
    const all = await countStatements(document(24));
    const lengths = all.data.indicators.edges.map((e: any) => e.node.series.length);
    expect(lengths.filter((n: number) => n === 1)).toHaveLength(21); // the report's figures
    expect(lengths.filter((n: number) => n === 2)).toHaveLength(3); // + the 2020 fixture figures
    expect(all.count).toBe(one.count);
    expect(all.count).toBeLessThanOrEqual(4);
  });
});
