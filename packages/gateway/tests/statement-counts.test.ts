import * as widgets from '@chiso/widgets/data/queries.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { graphqlClient } from './helpers/graphql.ts';
import { documentText } from './helpers/persisted.ts';
import { observationWhere } from './helpers/observations.ts';

// The texts the gateway runs for the widgets' persisted documents.
const SERIES_QUERY = documentText(widgets.SERIES_QUERY);
const VALUES_QUERY = documentText(widgets.VALUES_QUERY);
const RANKING_QUERY = documentText(widgets.RANKING_QUERY);

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
    // One figure of each indicator for every province in a year, from a source: 1000 + i in 2015
    // (a year none of the bundled data covers), and 900 + i in 2014 from another source, so that
    // each 2015 figure gets a change.
    const yearOfFigures = (year: number, base: number, sourceId: number) =>
      db.prisma.observation.createMany({
        data: provinces.flatMap((p, i) =>
          indicators.map((ind) => ({
            indicatorId: ind.id,
            regionId: p.id,
            periodKind: 'YEAR' as const,
            periodStart: new Date(`${year}-01-01T00:00:00Z`),
            periodEnd: new Date(`${year}-12-31T00:00:00Z`),
            value: base + i,
            sourceId,
          })),
        ),
      });
    await yearOfFigures(2015, 1000, source.id);
    const earlier = await db.prisma.source.create({
      data: { key: 'statement-count-fixture-2014', kind: 'SYNTHETIC', publisher: 'chiso tests', title: 'Fixture for changes' },
    });
    await yearOfFigures(2014, 900, earlier.id);
    codes = provinces.map((p) => p.code).sort();
    expect(provinces).toHaveLength(63);
  });
  let codes: string[];
  afterAll(() => db?.dispose());

  async function countStatements(document: string, variables?: Record<string, unknown>): Promise<{ count: number; data: any }> {
    db.resetStatements();
    const res = await query(document, variables);
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
    const stored = await db.prisma.observation.count({
      where: await observationWhere(db.prisma, { supersededAt: null, region: { level: 'PROVINCE', validTo: { not: null } } }),
    });
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
    const stored = await db.prisma.observation.groupBy({
      by: ['indicatorId'],
      where: await observationWhere(db.prisma, { supersededAt: null, region: '49' }),
      _count: true,
    });
    const slugOf = new Map((await db.prisma.indicator.findMany()).map((i) => [i.id, i.slug]));
    const expected = Object.fromEntries(stored.map((s) => [slugOf.get(s.indicatorId)!, s._count]));
    expect(Object.fromEntries(edges.filter((e: any) => e.series.length).map((e: any) => [e.slug, e.series.length]))).toEqual(expected);
    expect(edges.filter((e: any) => e.series.length > 1).length).toBeGreaterThan(3);
    expect(all.count).toBe(one.count);
    // Indicators, the region's ids for its code, the observations, their regions and their sources.
    expect(all.count).toBeLessThanOrEqual(5);
  });

  // The widgets' own documents, imported from the widgets package: exactly what the elements send.
  const lang = 'VI';
  const range = { from: '2014-01-01', to: '2015-12-31' };
  const percentChange = (i: number) => (100 * 100) / (900 + i);

  it("answers a chart's request in at most two statements, for 1 region as for 10", async () => {
    const variables = (regions: string[]) => ({ indicator: 'enterprises_new', regions, ...range, lang, asOf: null, change: true });
    const one = await countStatements(SERIES_QUERY, variables(codes.slice(0, 1)));
    const ten = await countStatements(SERIES_QUERY, variables(codes.slice(0, 10)));
    expect(one.count).toBeLessThanOrEqual(2);
    expect(ten.count).toBe(one.count);
    const series = ten.data.indicatorSeries.series;
    expect(series.map((s: any) => s.code)).toEqual(codes.slice(0, 10));
    expect(series[0].observations.map((o: any) => [o.period.code, o.value])).toEqual([
      ['2014', 900],
      ['2015', 1000],
    ]);
    // The sources once for the answer, in the order they first appear: 2014's, then 2015's.
    expect(ten.data.indicatorSeries.sources.map((s: any) => s.title)).toEqual(['Fixture for changes', 'Fixture for statement counts']);
    // Provinces sorted by code are the fixture's in id order only by chance: check each against its own 2014 value.
    for (const s of series) {
      const [before, after] = s.observations.map((o: any) => o.value);
      expect(s.latest.change).toMatchObject({ basis: 'COMPUTED', previousValue: before, absolute: after - before, previousValueBasis: 'REPORTED' });
      expect(s.latest.change.percent).toBeCloseTo(percentChange(before - 900), 10);
    }
  });

  it("takes a chart's change from the year before its first period, in the same statements", async () => {
    // Only 2015 shown: the change of its latest value needs 2014's (each 100 less), which the chart does not show.
    const variables = { indicator: 'enterprises_new', regions: codes.slice(0, 3), from: '2015-01-01', to: '2015-12-31', lang, asOf: null, change: true };
    const { count, data } = await countStatements(SERIES_QUERY, variables);
    expect(count).toBeLessThanOrEqual(2);
    for (const s of data.indicatorSeries.series) {
      expect(s.observations.map((o: any) => o.period.code)).toEqual(['2015']);
      const value = s.observations[0].value;
      expect(s.latest.change).toMatchObject({ basis: 'COMPUTED', previousValue: value - 100, absolute: 100, previousValueBasis: 'REPORTED' });
      expect(s.latest.change.percent).toBeCloseTo((100 * 100) / (value - 100), 10);
    }
  });

  it("answers a table's request (no change asked) in at most two statements, for 1 region as for 63", async () => {
    const variables = (regions: string[]) => ({ indicator: 'fdi_projects_new', regions, ...range, lang, asOf: null, change: false });
    const one = await countStatements(SERIES_QUERY, variables(codes.slice(0, 1)));
    const all = await countStatements(SERIES_QUERY, variables(codes));
    expect(one.count).toBeLessThanOrEqual(2);
    expect(all.count).toBe(one.count);
    expect(all.data.indicatorSeries.series).toHaveLength(63);
    expect(all.data.indicatorSeries.series.every((s: any) => s.observations.length === 2 && s.latest.change === undefined)).toBe(true);
  });

  it("answers a KPI's request with the latest value and its change only, in at most two statements", async () => {
    const res = await countStatements(VALUES_QUERY, {
      indicators: ['dossiers_received'],
      region: codes[5],
      period: null,
      ...range,
      lang,
      asOf: null,
      change: true,
    });
    expect(res.count).toBeLessThanOrEqual(2);
    const [value] = res.data.indicatorValues;
    expect(value.indicator.slug).toBe('dossiers_received');
    expect(value.observation.period.code).toBe('2015');
    expect(value.observation.change.previousValue).toBe(value.observation.value - 100);
    const asked = await countStatements(VALUES_QUERY, {
      indicators: ['dossiers_received'],
      region: codes[5],
      period: '2014',
      ...range,
      lang,
      asOf: null,
      change: true,
    });
    expect(asked.count).toBe(res.count);
    expect(asked.data.indicatorValues[0].observation).toMatchObject({ value: value.observation.value - 100, period: { code: '2014' }, change: null });
  });

  it("answers a share's request of 1 part and of 3 parts in the same number of statements, at most two", async () => {
    const variables = (indicators: string[]) => ({ indicators, region: codes[0], period: '2015', from: null, to: null, lang, asOf: null, change: false });
    const one = await countStatements(VALUES_QUERY, variables(['dossiers_received']));
    const three = await countStatements(VALUES_QUERY, variables(['dossiers_received', 'enterprises_new', 'fdi_projects_new']));
    expect(one.count).toBeLessThanOrEqual(2);
    expect(three.count).toBe(one.count);
    expect(three.data.indicatorValues.map((v: any) => [v.indicator.slug, v.observation.period.code])).toEqual([
      ['dossiers_received', '2015'],
      ['enterprises_new', '2015'],
      ['fdi_projects_new', '2015'],
    ]);
  });

  it("answers a ranking's request of the 63 provinces in at most two statements", async () => {
    const res = await countStatements(RANKING_QUERY, { indicator: 'enterprises_new', period: '2015', level: 'PROVINCE', lang, asOf: null });
    expect(res.count).toBeLessThanOrEqual(2);
    const entries = res.data.ranking.entries;
    expect(res.data.ranking.indicator.slug).toBe('enterprises_new');
    expect(entries).toHaveLength(63);
    expect(entries[0]).toMatchObject({ rank: 1, value: 1062, sources: [{ title: 'Fixture for statement counts' }] });
    expect(entries.at(-1)).toMatchObject({ rank: 63, value: 1000 });
  });
});
