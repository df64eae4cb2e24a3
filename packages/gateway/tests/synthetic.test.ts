import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSynthetic, SyntheticDataError, type SyntheticOptions } from '../src/db/synthetic.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { observationWhere, withReferences } from './helpers/observations.ts';

/** Periods of the options, computed here without the generator: [start, end] as ISO dates. */
function periods(o: SyntheticOptions): Array<[string, string]> {
  const months = o.frequency === 'MONTHLY' ? 1 : 3;
  const out: Array<[string, string]> = [];
  const lastYear = o.lastYear ?? 2025;
  for (let year = lastYear - o.years + 1; year <= lastYear; year++) {
    for (let month = 0; month < 12; month += months) {
      const start = new Date(Date.UTC(year, month, 1));
      const end = new Date(Date.UTC(year, month + months, 0));
      out.push([start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)]);
    }
  }
  return out;
}

/** 63 provinces and 705 districts until 2025-06-30; 34 provinces and no districts from 2025-07-01. */
function expectedRows(o: SyntheticOptions): number {
  let cells = 0;
  for (const [, end] of periods(o)) {
    cells += end <= '2025-06-30' ? Math.min(o.provinces, 63) + Math.min(o.districts, 705) : Math.min(o.provinces, 34);
  }
  return cells * o.indicators;
}

const monthly: SyntheticOptions = { provinces: 63, districts: 4, indicators: 6, years: 2, lastYear: 2025, frequency: 'MONTHLY', seed: 7 };
const quarterly: SyntheticOptions = { provinces: 40, districts: 0, indicators: 2, years: 1, frequency: 'QUARTERLY', seed: 9 };

describe.each(databaseKinds)('synthetic data on %s', (kind) => {
  let db: TestDatabase;
  let reportBefore: unknown[];
  const rowsOf = async (seed: number, slug?: string) => {
    const rows = await db.prisma.observation.findMany({
      where: await observationWhere(db.prisma, { source: `synthetic-${seed}`, ...(slug ? { indicator: slug } : {}) }),
      orderBy: [{ indicatorId: 'asc' }, { regionId: 'asc' }, { periodStart: 'asc' }],
    });
    return (await withReferences(db.prisma, rows)).map((r) => ({
      indicator: { slug: r.indicator.slug },
      region: { key: r.region.key },
      periodKind: r.periodKind,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      value: r.value,
      recordedAt: r.recordedAt,
    }));
  };
  const series = async (seed: number, slug: string) => {
    const rows = await rowsOf(seed, slug);
    return rows.map((r) => ({ ...r, key: `${r.region.key}|${r.periodStart.toISOString()}` }));
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    reportBefore = await db.prisma.observation.findMany({
      where: await observationWhere(db.prisma, { source: 'nld-2021-10-10-quang-nam' }),
      orderBy: { id: 'asc' },
    });
  });
  afterAll(() => db?.dispose());

  it('writes one row per indicator, region valid in the period and period: the count follows from the options', async () => {
    const q = await generateSynthetic(db.prisma, quarterly);
    expect(q.observations).toBe(expectedRows(quarterly));
    expect(q.observations).toBe((40 + 40 + 34 + 34) * 2);
    const firstQuarter = await withReferences(
      db.prisma,
      await db.prisma.observation.findMany({
        where: await observationWhere(db.prisma, { sourceId: q.sourceId, indicator: 'syn_001', periodStart: new Date('2025-01-01T00:00:00Z') }),
      }),
    );
    const oldCodes = (await db.prisma.region.findMany({ where: { level: 'PROVINCE', validFrom: null }, orderBy: { code: 'asc' } })).map((r) => r.code);
    expect(firstQuarter.map((o) => o.region.code).sort()).toEqual(oldCodes.slice(0, 40));
    expect(firstQuarter[0]).toMatchObject({ periodKind: 'QUARTER', periodEnd: new Date('2025-03-31T00:00:00Z') });

    const m = await generateSynthetic(db.prisma, monthly);
    expect(m.indicators).toEqual(['syn_001', 'syn_002', 'syn_003', 'syn_004', 'syn_005', 'syn_006']);
    expect(m.observations).toBe(expectedRows(monthly));
    expect(m.observations).toBe((18 * (63 + 4) + 6 * 34) * 6);
    expect(await db.prisma.observation.count({ where: { sourceId: m.sourceId } })).toBe(m.observations);
    // syn_001 and syn_002 hold one synthetic dataset at a time: the quarterly rows were replaced.
    expect(
      await db.prisma.observation.count({ where: { sourceId: { in: (await db.prisma.source.findMany({ where: { kind: 'SYNTHETIC' } })).map((s) => s.id) } } }),
    ).toBe(m.observations);
  });

  it('gives identical rows for the same options and seed, and adds nothing twice', async () => {
    const before = await rowsOf(7);
    const again = await generateSynthetic(db.prisma, monthly);
    expect(again.observations).toBe(before.length);
    expect(await rowsOf(7)).toEqual(before);
    // The same figures on every database (PGlite and PostgreSQL): values depend only on seed,
    // indicator, region and period, through integer arithmetic on hashtextextended.
    const hanoi = before.find(
      (r) => r.indicator.slug === 'syn_001' && r.region.key === 'province:01:*' && r.periodStart.toISOString() === '2024-01-01T00:00:00.000Z',
    );
    expect(hanoi?.value.toString()).toBe('15166');
    expect(hanoi?.recordedAt.toISOString()).toBe('2024-02-20T00:00:00.000Z');
    const total = before.reduce((sum, r) => sum.add(r.value), before[0]!.value.mul(0));
    expect(total.toString()).toBe('75185188.2975');
  });

  it('defines the five kinds of indicator, a ratio over the two counts before it', async () => {
    const indicators = await db.prisma.indicator.findMany({
      where: { slug: { startsWith: 'syn_' } },
      orderBy: { slug: 'asc' },
      include: { numerator: true, denominator: true },
    });
    expect(indicators.map((i) => [i.slug, i.aggregation, i.unitCode, i.direction, i.decimals, i.framework, i.category])).toEqual([
      ['syn_001', 'SUM', 'dossier', 'NEUTRAL', 0, null, 'ADMIN_REFORM_PUBLIC_SERVICES'],
      ['syn_002', 'SUM', 'dossier', 'HIGHER_IS_BETTER', 0, null, 'DIGITAL_GOVERNMENT'],
      ['syn_003', 'RATIO', 'percent', 'HIGHER_IS_BETTER', 1, null, 'INVESTMENT'],
      ['syn_004', 'LAST_VALUE', 'account', 'HIGHER_IS_BETTER', 0, null, 'ENTERPRISE'],
      ['syn_005', 'NONE', 'percent', 'HIGHER_IS_BETTER', 2, 'PCI', 'ADMIN_REFORM_PUBLIC_SERVICES'],
      ['syn_006', 'SUM', 'dossier', 'NEUTRAL', 0, null, 'DIGITAL_GOVERNMENT'],
    ]);
    expect(indicators[2]).toMatchObject({ numerator: { slug: 'syn_002' }, denominator: { slug: 'syn_001' }, ratioMultiplier: 100 });
    expect(indicators[0]).toMatchObject({ nameVi: 'Chỉ số tổng hợp 001', nameEn: 'Synthetic indicator 001', numeratorId: null });
  });

  it('stores each ratio as round(100 × numerator / denominator, 4) of the stored counts, with denominator ≥ numerator', async () => {
    const [den, num, ratio] = await Promise.all([series(7, 'syn_001'), series(7, 'syn_002'), series(7, 'syn_003')]);
    const byKey = (rows: typeof den) => new Map(rows.map((r) => [r.key, r.value]));
    const dens = byKey(den);
    const nums = byKey(num);
    expect(ratio).toHaveLength(den.length);
    for (const r of ratio) {
      const d = dens.get(r.key)!;
      const n = nums.get(r.key)!;
      expect(d.gte(n), r.key).toBe(true);
      expect(r.value.toString(), r.key).toBe(n.mul(100).div(d).toDecimalPlaces(4).toString());
    }
  });

  it('keeps values plausible: whole counts, provinces above districts, growing stocks, indices within 0..100', async () => {
    const den = await series(7, 'syn_001');
    expect(den.every((r) => r.value.isInteger() && r.value.gt(0))).toBe(true);
    const province = den.filter((r) => r.region.key.startsWith('province:'));
    const district = den.filter((r) => r.region.key.startsWith('district:'));
    expect(Math.min(...province.map((r) => r.value.toNumber()))).toBeGreaterThan(Math.max(...district.map((r) => r.value.toNumber())));

    const stock = await series(7, 'syn_004');
    const first = stock.find((r) => r.region.key === 'province:01:*' && r.periodStart.toISOString().startsWith('2024-01'))!;
    const last = stock.find((r) => r.region.key === 'province:01:*' && r.periodStart.toISOString().startsWith('2025-06'))!;
    expect(last.value.gt(first.value)).toBe(true);
    expect(last.value.div(first.value).toNumber()).toBeLessThan(1.1);

    const index = await series(7, 'syn_005');
    for (const r of index) {
      expect(r.value.gte(0) && r.value.lte(100), r.key).toBe(true);
      expect(r.value.decimalPlaces()).toBeLessThanOrEqual(2);
    }
  });

  it('crosses the 2025 merger: 63 old provinces until June, 34 new ones from July, districts only before', async () => {
    const rows = await series(7, 'syn_001');
    const keysIn = (month: string) => new Set(rows.filter((r) => r.periodStart.toISOString().startsWith(month)).map((r) => r.region.key));
    const june = keysIn('2025-06');
    const july = keysIn('2025-07');
    expect(june.size).toBe(63 + 4);
    expect(july.size).toBe(34);
    expect(june.has('province:49:*') && june.has('province:48:*')).toBe(true);
    expect(july.has('province:48:2025-07-01') && !july.has('province:49:*')).toBe(true);
    expect([...june].filter((k) => k.startsWith('district:')).sort()).toEqual(['district:001:*', 'district:002:*', 'district:003:*', 'district:004:*']);
    expect([...july].some((k) => k.startsWith('district:'))).toBe(false);
  });

  it('marks the source SYNTHETIC and leaves the bundled report untouched', async () => {
    const source = await db.prisma.source.findUniqueOrThrow({ where: { key: 'synthetic-7' } });
    expect(source).toMatchObject({ kind: 'SYNTHETIC', publisher: 'chiso synthetic data', licence: 'CC0', note: 'generated; not real figures' });
    expect(source.title).toBe('Synthetic observations: 63 provinces, 4 districts, 6 indicators, 2 years 2024–2025, monthly, seed 7');
    const report = await db.prisma.observation.findMany({
      where: await observationWhere(db.prisma, { source: 'nld-2021-10-10-quang-nam' }),
      orderBy: { id: 'asc' },
    });
    expect(report).toHaveLength(24);
    expect(report).toEqual(reportBefore);
  });

  it('refuses options that cannot work, saying which', async () => {
    const error = await generateSynthetic(db.prisma, { ...monthly, provinces: 64, frequency: 'WEEKLY' as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyntheticDataError);
    expect((error as Error).message).toBe(
      'invalid synthetic data options: provinces must be an integer from 0 to 63 (got 64); frequency must be MONTHLY or QUARTERLY (got WEEKLY)',
    );
  });
});
