import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic } from '../src/db/synthetic.ts';
import { recordObservation } from '../src/db/seed/seed.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { graphqlClient } from './helpers/graphql.ts';
import { observationWhere, withReferences } from './helpers/observations.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/**
 * Rankings, rollups, mergers, comparisons and vintages on synthetic data: 2 years of monthly values
 * for every province, across the 2025 reorganisation. Every expected number is computed here from
 * the stored rows, independently of the SQL under test.
 */
describe.each(databaseKinds)('analytics on synthetic data (%s)', (kind) => {
  let db: TestDatabase;
  let query: ReturnType<typeof graphqlClient>;
  /** syn_001 count (denominator), syn_002 count (numerator), syn_003 ratio, syn_004 stock, syn_005 index. */
  const slugs = { den: 'syn_001', num: 'syn_002', ratio: 'syn_003', stock: 'syn_004', index: 'syn_005' };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    query = graphqlClient(db.prisma);
    await generateSynthetic(db.prisma, { provinces: 63, districts: 0, indicators: 5, years: 2, lastYear: 2025, frequency: 'MONTHLY', seed: 7 });
  });
  afterAll(() => db?.dispose());

  /** Stored current values of one indicator: Map of `code@start` to number, with unit validity. */
  async function stored(slug: string, where: { start?: string; end?: string } = {}) {
    const rows = await withReferences(
      db.prisma,
      await db.prisma.observation.findMany({
        where: await observationWhere(db.prisma, {
          indicator: slug,
          supersededAt: null,
          ...(where.start ? { periodStart: { gte: day(where.start) } } : {}),
          ...(where.end ? { periodEnd: { lte: day(where.end) } } : {}),
        }),
      }),
    );
    return rows.map((r) => ({
      code: r.region.code,
      regionId: r.regionId,
      validTo: r.region.validTo,
      start: r.periodStart.toISOString().slice(0, 10),
      value: r.value.toNumber(),
    }));
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it('ranks the 34 provinces as an independent ranking does, ties sharing a rank', async () => {
    const res = await query(`{ ranking(indicator: "${slugs.num}", period: "2025-09") { at entries { rank value region { code } } } }`);
    expect(res.errors).toBeUndefined();
    const entries = res.data.ranking.entries;
    expect(entries).toHaveLength(34);
    const rows = await stored(slugs.num, { start: '2025-09-01', end: '2025-09-30' });
    expect(rows).toHaveLength(34);
    const expected = rows
      .map((r) => ({ code: r.code, value: r.value, rank: 1 + rows.filter((o) => o.value > r.value).length }))
      .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
    expect(entries.map((e: any) => [e.rank, e.region.code, e.value])).toEqual(expected.map((e) => [e.rank, e.code, e.value]));
  });

  it('puts the smallest value first for a lower-is-better indicator', async () => {
    await db.prisma.indicator.update({ where: { slug: slugs.den }, data: { direction: 'LOWER_IS_BETTER' } });
    const res = await query(`{ ranking(indicator: "${slugs.den}", period: "2025-09") { entries { rank value } } }`);
    const values = res.data.ranking.entries.map((e: any) => e.value);
    expect(res.data.ranking.entries[0].rank).toBe(1);
    expect(values).toEqual([...values].sort((a: number, b: number) => a - b));
    await db.prisma.indicator.update({ where: { slug: slugs.den }, data: { direction: 'NEUTRAL' } });
  });

  it('sums months into a quarter and a year over every province', async () => {
    const rows = await stored(slugs.num, { start: '2024-01-01', end: '2024-12-31' });
    const q3 = sum(rows.filter((r) => r.start >= '2024-07-01' && r.start <= '2024-09-01').map((r) => r.value));
    const year = sum(rows.map((r) => r.value));
    const res = await query(`{
      q3: aggregate(indicator: "${slugs.num}", period: "2024-Q3", level: PROVINCE) { rule method value complete units { complete periods { code } } }
      year: aggregate(indicator: "${slugs.num}", period: "2024", level: PROVINCE) { method value complete }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.q3).toMatchObject({ rule: 'SUM', method: 'MONTHS', value: q3, complete: true });
    expect(res.data.q3.units).toHaveLength(63);
    expect(res.data.q3.units[0].periods.map((p: any) => p.code)).toEqual(['2024-07', '2024-08', '2024-09']);
    expect(res.data.year).toEqual({ method: 'MONTHS', value: year, complete: true });
  });

  it('recomputes a ratio from summed numerator and denominator, not from an average of ratios', async () => {
    const num = await stored(slugs.num, { start: '2024-01-01', end: '2024-12-31' });
    const den = await stored(slugs.den, { start: '2024-01-01', end: '2024-12-31' });
    const ratios = await stored(slugs.ratio, { start: '2024-01-01', end: '2024-12-31' });
    const expected = (100 * sum(num.map((r) => r.value))) / sum(den.map((r) => r.value));
    const averageOfRatios = sum(ratios.map((r) => r.value)) / ratios.length;
    const res = await query(`{ aggregate(indicator: "${slugs.ratio}", period: "2024", level: PROVINCE) { rule value numerator denominator complete } }`);
    expect(res.data.aggregate.rule).toBe('RATIO');
    expect(res.data.aggregate.value).toBeCloseTo(expected, 8);
    expect(Math.abs(res.data.aggregate.value - averageOfRatios)).toBeGreaterThan(1e-6);
    expect(res.data.aggregate.numerator).toBe(sum(num.map((r) => r.value)));
  });

  it('takes the latest value of a stock over time and adds it over units', async () => {
    const december = await stored(slugs.stock, { start: '2024-12-01', end: '2024-12-31' });
    const res = await query(`{ aggregate(indicator: "${slugs.stock}", period: "2024", level: PROVINCE) { rule value complete } }`);
    expect(res.data.aggregate).toEqual({ rule: 'LAST_VALUE', value: sum(december.map((r) => r.value)), complete: true });
  });

  it('refuses to roll up a composite index', async () => {
    const res = await query(`{ aggregate(indicator: "${slugs.index}", period: "2024", level: PROVINCE) { value } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_AGGREGATABLE');
  });

  it('marks a rollup incomplete and lists what went in when months are missing', async () => {
    // The 63 provinces end on 2025-06-30: a 2025 total for old Quảng Nam has 6 of 12 months.
    const res = await query(
      `{ aggregate(indicator: "${slugs.num}", period: "2025", regions: ["49"], at: "2025-06-30") { value complete units { complete periods { code } } } }`,
    );
    expect(res.data.aggregate.complete).toBe(false);
    expect(res.data.aggregate.units[0].periods.map((p: any) => p.code)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
  });

  it('composes new Đà Nẵng (48) before July 2025 from old Đà Nẵng and Quảng Nam, and breaks an index', async () => {
    const old = await stored(slugs.num, { start: '2025-01-01', end: '2025-06-30' });
    const part = (code: string, start: string) => old.find((r) => r.code === code && r.start === start)!.value;
    const res = await query(`{
      count: indicator(slug: "${slugs.num}") { timeSeries(region: "48", at: "2025-07-01", from: "2025-01-01", to: "2025-12-31") { period { code } value basis complete composition { code } } }
      index: indicator(slug: "${slugs.index}") { timeSeries(region: "48", at: "2025-07-01", from: "2025-05-01", to: "2025-08-31") { period { code } value basis } }
      ratio: indicator(slug: "${slugs.ratio}") { timeSeries(region: "48", at: "2025-07-01", from: "2025-03-01", to: "2025-03-31") { value basis } }
    }`);
    expect(res.errors).toBeUndefined();
    const points = res.data.count.timeSeries;
    expect(points).toHaveLength(12);
    expect(points[0]).toMatchObject({
      period: { code: '2025-01' },
      basis: 'COMPOSED',
      complete: true,
      value: part('48', '2025-01-01') + part('49', '2025-01-01'),
    });
    expect(points[0].composition.map((r: any) => r.code).sort()).toEqual(['48', '49']);
    expect(points[6]).toMatchObject({ period: { code: '2025-07' }, basis: 'OBSERVED', composition: [{ code: '48' }] });
    expect(res.data.index.timeSeries.map((p: any) => [p.period.code, p.basis, p.value === null])).toEqual([
      ['2025-05', 'BREAK', true],
      ['2025-06', 'BREAK', true],
      ['2025-07', 'OBSERVED', false],
      ['2025-08', 'OBSERVED', false],
    ]);
    const num = await stored(slugs.num, { start: '2025-03-01', end: '2025-03-31' });
    const den = await stored(slugs.den, { start: '2025-03-01', end: '2025-03-31' });
    const pick = (rows: typeof num, code: string) => rows.find((r) => r.code === code)!.value;
    expect(res.data.ratio.timeSeries[0].basis).toBe('COMPOSED');
    expect(res.data.ratio.timeSeries[0].value).toBeCloseTo((100 * (pick(num, '48') + pick(num, '49'))) / (pick(den, '48') + pick(den, '49')), 8);
  });

  it("answers the widgets' one-statement series with the same values and changes as the series field, composed across the merger", async () => {
    const change = `basis previousValue previousValueBasis absolute percent percentagePoints period { code }`;
    const fields = `id period { code } value change { ${change} } previous: change(against: PREVIOUS_PERIOD) { ${change} }`;
    let composed = 0;
    for (const slug of Object.values(slugs)) {
      const old = await query(
        `{ a: indicator(slug: "${slug}") { series(region: "48", from: "2025-01-01") { ${fields} } } b: indicator(slug: "${slug}") { series(region: "49", from: "2025-01-01") { ${fields} } } }`,
      );
      db.resetStatements();
      const res = await query(
        `{ indicatorSeries(indicator: "${slug}", regions: ["48", "49"], from: "2025-01-01") { series { code observations { ${fields} } } } }`,
      );
      expect(res.errors).toBeUndefined();
      // One statement for everything, the changes against both comparison periods included.
      expect(db.statements).toHaveLength(1);
      expect(res.data.indicatorSeries.series.map((s: any) => s.observations)).toEqual([old.data.a.series, old.data.b.series]);
      expect(old.data.a.series).toHaveLength(12);
      composed += old.data.a.series.filter((o: any) => o.change?.previousValueBasis === 'COMPOSED').length;
    }
    // The two counts (SUM), the ratio and the stock (LAST_VALUE) compose July to December 2025 of new
    // Đà Nẵng from its predecessors; the index (NONE) does not.
    expect(composed).toBe(4 * 6);
  });

  it('follows an old unit into its successor when asked', async () => {
    const res = await query(`{ indicator(slug: "${slugs.num}") {
      plain: timeSeries(region: "49", at: "2024-01-01", from: "2025-06-01", to: "2025-07-31") { period { code } basis }
      followed: timeSeries(region: "49", at: "2024-01-01", from: "2025-06-01", to: "2025-07-31", followSuccessors: true) { period { code } basis composition { code validFrom } }
    } }`);
    expect(res.data.indicator.plain.map((p: any) => p.period.code)).toEqual(['2025-06']);
    expect(res.data.indicator.followed.map((p: any) => [p.period.code, p.basis])).toEqual([
      ['2025-06', 'OBSERVED'],
      ['2025-07', 'COMPOSED'],
    ]);
    expect(res.data.indicator.followed[1].composition).toEqual([{ code: '48', validFrom: '2025-07-01' }]);
  });

  it('rolls months up to quarters in a series', async () => {
    const rows = await stored(slugs.num, { start: '2024-01-01', end: '2024-12-31' });
    const q1 = sum(rows.filter((r) => r.code === '01' && r.start < '2024-04-01').map((r) => r.value));
    const res = await query(
      `{ indicator(slug: "${slugs.num}") { timeSeries(region: "01", at: "2024-06-30", from: "2024-01-01", to: "2024-12-31", frequency: QUARTER) { period { code } value basis complete } } }`,
    );
    expect(res.data.indicator.timeSeries.map((p: any) => p.period.code)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(res.data.indicator.timeSeries[0]).toEqual({ period: { code: '2024-Q1' }, value: q1, basis: 'ROLLED_UP', complete: true });
  });

  it('computes changes against the same month a year earlier, in points for rates and composed across the merger', async () => {
    const res = await query(`{
      count: indicator(slug: "${slugs.num}") { series(region: "01", from: "2025-03-01", to: "2025-03-31") { value change { basis percent absolute previousValue previousValueBasis percentagePoints } } }
      rate: indicator(slug: "${slugs.ratio}") { series(region: "01", from: "2025-03-01", to: "2025-03-31") { value change { basis percent percentagePoints previousValue } } }
      merged: indicator(slug: "${slugs.num}") { series(region: "48", from: "2025-09-01", to: "2025-09-30") { value change { basis previousValue previousValueBasis previousUnits { code validTo } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const prevCount = (await stored(slugs.num, { start: '2024-03-01', end: '2024-03-31' })).find((r) => r.code === '01')!.value;
    const count = res.data.count.series[0];
    expect(count.change).toMatchObject({
      basis: 'COMPUTED',
      previousValue: prevCount,
      previousValueBasis: 'REPORTED',
      absolute: count.value - prevCount,
      percentagePoints: null,
    });
    expect(count.change.percent).toBeCloseTo(((count.value - prevCount) / prevCount) * 100, 8);

    const rate = res.data.rate.series[0];
    expect(rate.change.percent).toBeNull();
    expect(rate.change.percentagePoints).toBeCloseTo(rate.value - rate.change.previousValue, 8);

    const sept = await stored(slugs.num, { start: '2024-09-01', end: '2024-09-30' });
    const merged = res.data.merged.series[0].change;
    expect(merged.basis).toBe('COMPUTED');
    expect(merged.previousValueBasis).toBe('COMPOSED');
    expect(merged.previousValue).toBe(sept.find((r) => r.code === '48')!.value + sept.find((r) => r.code === '49')!.value);
    expect(merged.previousUnits.map((r: any) => r.code).sort()).toEqual(['48', '49']);
  });

  it('answers with what was known before a revision, and lists the revision', async () => {
    const current = await db.prisma.observation.findFirstOrThrow({
      where: await observationWhere(db.prisma, { indicator: slugs.num, region: { code: '01', validTo: null }, periodStart: day('2025-09-01') }),
    });
    const { id: _id, supersededAt: _s, recordedAt, ...rest } = current;
    const revisedAt = new Date(recordedAt.getTime() + 30 * 86_400_000);
    await db.prisma.$transaction((tx) => recordObservation(tx, { ...rest, value: current.value.plus(1_000_000), recordedAt: revisedAt }));
    const before = new Date(revisedAt.getTime() - 1000).toISOString();
    const res = await query(`{
      now: indicator(slug: "${slugs.num}") { series(region: "01", from: "2025-09-01", to: "2025-09-30") { value recordedAt revisions { value recordedAt source { kind } } } }
      then: indicator(slug: "${slugs.num}") { series(region: "01", from: "2025-09-01", to: "2025-09-30", asOf: "${before}") { value } }
      rankNow: ranking(indicator: "${slugs.num}", period: "2025-09") { entries { rank region { code } } }
      rankThen: ranking(indicator: "${slugs.num}", period: "2025-09", asOf: "${before}") { entries { rank value region { code } } }
      sumThen: aggregate(indicator: "${slugs.num}", period: "2025-09", regions: ["01"], asOf: "${before}") { value }
    }`);
    expect(res.errors).toBeUndefined();
    const old = current.value.toNumber();
    expect(res.data.now.series[0].value).toBe(old + 1_000_000);
    expect(res.data.now.series[0].revisions).toEqual([{ value: old, recordedAt: recordedAt.toISOString(), source: { kind: 'SYNTHETIC' } }]);
    expect(res.data.then.series[0].value).toBe(old);
    expect(res.data.rankNow.entries[0]).toEqual({ rank: 1, region: { code: '01' } });
    expect(res.data.rankThen.entries.find((e: any) => e.region.code === '01').value).toBe(old);
    expect(res.data.sumThen.value).toBe(old);
  });

  it('compares chosen units side by side in the order asked', async () => {
    const res = await query(
      `{ compare(indicator: "${slugs.num}", regions: ["79", "01", "48"], period: "2025-08") { entries { rank value region { code } } } }`,
    );
    const entries = res.data.compare.entries;
    expect(entries.map((e: any) => e.region.code)).toEqual(['79', '01', '48']);
    const sorted = [...entries].sort((a: any, b: any) => b.value - a.value);
    expect(sorted[0].rank).toBe(1);
    expect(sorted[2].rank).toBe(3);
  });

  it('runs a dashboard (every indicator of a category, all 34 provinces, change, source, names) in a fixed number of statements', async () => {
    await db.prisma.indicator.updateMany({ where: { slug: { startsWith: 'syn_' } }, data: { category: 'INVESTMENT' } });
    const dashboard = (search: string) => `{ indicators(category: INVESTMENT, search: "${search}", first: 50) { edges { node {
      slug name unit { code }
      ranking(period: "2025-09") { rank value region { code name(lang: EN) } change { basis percent percentagePoints } observation { qualifier source { title kind } } }
    } } } }`;
    db.resetStatements();
    const one = await query(dashboard('syn_001'));
    const oneCount = db.statements.length;
    db.resetStatements();
    const all = await query(dashboard(''));
    const allCount = db.statements.length;
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    const nodes = all.data.indicators.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(9); // the report's 4 investment indicators and the 5 synthetic ones
    for (const node of nodes) expect(node.ranking).toHaveLength(34);
    const synthetic = nodes.filter((n: any) => n.slug.startsWith('syn_'));
    expect(synthetic.every((n: any) => n.ranking.every((e: any) => e.value !== null && e.observation.source.kind === 'SYNTHETIC'))).toBe(true);
    expect(allCount).toBe(oneCount);
    // indicators, units, ranking, regions, observations (+ their sources, through the prisma
    // plugin's batched relation load), change: indicators, 2 generations of succession links, one
    // lookup of all previous values. 13 whatever the number of indicators or units.
    expect(allCount).toBeLessThanOrEqual(13);
  });

  it('limits query complexity with an error that names the limit', async () => {
    const deep = `{ region(code: "48", at: "2025-07-01") { predecessors { successors { predecessors { successors { predecessors { successors { predecessors { successors { predecessors { successors { predecessors { successors { code } } } } } } } } } } } } } }`;
    const res = await query(deep);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', kind: 'depth', limit: 12 });
    expect(res.errors?.[0]?.message).toMatch(/^the query's depth is \d+, over the limit of 12/);
  });
});
