import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { dataDir } from '../src/db/seed/files.ts';
import { databaseKinds } from './helpers/databases.ts';
import { type graphqlClient, seededApi } from './helpers/graphql.ts';

/**
 * The real figures for the 63 provinces (prisma/data/imports/provinces-63), loaded on seed through
 * the import engine, checked through the public API as a user would check them. Expected values are
 * computed from the CSV files themselves, so a changed file changes the expectation with it.
 */
interface Row {
  province_name: string;
  province_code: string;
  year: string;
  indicator: string;
  value: string;
  source_url: string;
}

const dir = path.join(dataDir, 'imports', 'provinces-63');
const readCsv = (name: string): Row[] => parse(fs.readFileSync(path.join(dir, name), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
const pciFile = readCsv('pci-2017-2019.csv');
const papiFile = readCsv('papi-2019.csv');
const panelFile = readCsv('population-enterprises-2016-2022-pci-2020-2022.csv');
const provinces = readCsv('provinces.csv') as unknown as Array<{ province_code: string; province_name: string }>;
const succession = JSON.parse(fs.readFileSync(path.join(dataDir, 'province-succession-2025.json'), 'utf8')) as {
  successors: Array<{ code: string; predecessors: string[] }>;
};

/** Values of one file indicator in one year, by province code, as numbers. */
function valuesOf(rows: Row[], indicator: string, year: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) if (r.indicator === indicator && r.year === year) out.set(r.province_code, Number(r.value));
  return out;
}
/** PCI scores of any year 2017–2022, from whichever file holds the year. */
const pciScores = (year: string) => valuesOf(Number(year) <= 2019 ? pciFile : panelFile, 'pci_score', year);
const enterprises = (year: string) => valuesOf(panelFile, 'new_enterprises_count', year);
/** Average population in thousands, as in the file (chiso stores people: × 1000). */
const populationThousands = (year: string) => valuesOf(panelFile, 'population_avg_thousand', year);
const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);

/** Ranks as a RANK() window gives them: 1 + the number of strictly better values; ties share a rank. */
function competitionRanks(values: Map<string, number>, higherIsBetter = true): Map<string, number> {
  const all = [...values.values()];
  return new Map([...values].map(([code, v]) => [code, 1 + all.filter((w) => (higherIsBetter ? w > v : w < v)).length]));
}

function expectRelativelyClose(actual: number, expected: number, what: string) {
  expect(Math.abs(actual - expected) / Math.abs(expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(1e-9);
}

describe('the real-data files', () => {
  it('hold what their README says: 63 provinces, PCI 2017–2022, PAPI 2019, population and new enterprises 2016–2022', () => {
    expect(provinces).toHaveLength(63);
    expect(pciFile).toHaveLength(2256);
    expect(papiFile).toHaveLength(630);
    expect(panelFile).toHaveLength(1071);
    for (const year of ['2017', '2018', '2020', '2021', '2022']) expect(pciScores(year).size, year).toBe(63);
    expect(pciScores('2019').size).toBe(62);
    expect(pciScores('2019').has('79')).toBe(false);
    expect(sum(enterprises('2019').values())).toBe(138139);
  });
});

describe.each(databaseKinds)('real figures for the 63 provinces (%s)', (kind) => {
  const api = seededApi(kind);
  const query: ReturnType<typeof graphqlClient> = (document, variables) => api.query(document, variables);

  it('ranks the 63 provinces by PCI 2021 with Quảng Ninh first at 73.02, in the order of the file', async () => {
    const res = await query(`{ ranking(indicator: "pci_score", period: "2021", level: PROVINCE, at: "2021-12-31") {
      period { code kind } at entries { rank value region { code name } }
    } }`);
    expect(res.errors).toBeUndefined();
    const { period, at, entries } = res.data.ranking;
    expect(period).toEqual({ code: '2021', kind: 'YEAR' });
    expect(at).toBe('2021-12-31');
    const scores = pciScores('2021');
    expect(entries).toHaveLength(63);
    expect(entries.every((e: any) => e.value !== null && e.rank !== null)).toBe(true);
    expect(entries[0]).toEqual({ rank: 1, value: 73.02, region: { code: '22', name: 'Quảng Ninh' } });
    expect(entries.map((e: any) => e.value)).toEqual([...scores.values()].sort((a, b) => b - a));
    const ranks = competitionRanks(scores);
    for (const e of entries) {
      expect(e.value, e.region.code).toBe(scores.get(e.region.code));
      expect(e.rank, e.region.code).toBe(ranks.get(e.region.code));
    }
    // The file has ties (three provinces at 64.74): they share a rank and the next rank is skipped.
    const tied = entries.filter((e: any) => e.value === 64.74);
    expect(tied).toHaveLength(3);
    expect(new Set(tied.map((e: any) => e.rank)).size).toBe(1);
  });

  it('gives Quảng Nam (49) PCI 2017–2022 as one line, each year with its own source', async () => {
    const res = await query(`{ indicator(slug: "pci_score") {
      name(lang: EN) unit { code } direction aggregation framework
      series(region: "49", from: "2017-01-01", to: "2022-12-31") { period { code } value status source { publisher url originator } }
      timeSeries(region: "49", at: "2022-12-31", from: "2017-01-01", to: "2022-12-31") { period { code } value basis }
    } }`);
    expect(res.errors).toBeUndefined();
    const indicator = res.data.indicator;
    expect(indicator).toMatchObject({
      name: 'Provincial Competitiveness Index (PCI)',
      unit: { code: 'index_point_100' },
      direction: 'HIGHER_IS_BETTER',
      aggregation: 'NONE',
      framework: 'PCI',
    });
    const years = ['2017', '2018', '2019', '2020', '2021', '2022'];
    const expected = years.map((year) => ({ code: year, value: pciScores(year).get('49') }));
    expect(indicator.series.map((o: any) => ({ code: o.period.code, value: o.value }))).toEqual(expected);
    expect(indicator.timeSeries).toEqual(expected.map(({ code, value }) => ({ period: { code }, value, basis: 'OBSERVED' })));
    expect(indicator.series.every((o: any) => o.status === 'FINAL')).toBe(true);
    // 2017–2019 from VCCI's own files (via the mirror), 2020–2022 from the research panel.
    for (const [i, o] of indicator.series.entries()) {
      const year = years[i]!;
      if (Number(year) <= 2019) {
        expect(o.source.url).toContain(`PCI%20${year}.xlsx`);
        expect(o.source.publisher).toMatch(/VCCI/);
      } else {
        expect(o.source.url).toContain('Dataset.dta');
        expect(o.source.originator).toMatch(/VCCI/);
      }
    }
  });

  it('stores population in people and shows it in thousands', async () => {
    const res = await query(`{ indicator(slug: "population_average") {
      scaleExponent decimals displayUnit en: displayUnit(lang: EN) aggregation
      series(region: "01", from: "2016-01-01", to: "2016-12-31") { value exactValue }
    } }`);
    expect(res.errors).toBeUndefined();
    const thousands = populationThousands('2016').get('01')!;
    expect(res.data.indicator).toEqual({
      scaleExponent: 3,
      decimals: 1,
      displayUnit: 'nghìn người',
      en: 'thousand people',
      aggregation: 'LAST_VALUE',
      series: [{ value: Math.round(thousands * 1000), exactValue: String(Math.round(thousands * 1000)) }],
    });
  });

  it('recomputes new enterprises per 1,000 people for each of the 63 provinces of 2022 from the two counts', async () => {
    const res = await query(`{ aggregate(indicator: "new_enterprises_per_1000_people", period: "2022", level: PROVINCE, at: "2022-12-31") {
      rule method value complete numerator denominator units { region { code } value complete composedOf { code } }
    } }`);
    expect(res.errors).toBeUndefined();
    const a = res.data.aggregate;
    const ent = enterprises('2022');
    const pop = populationThousands('2022');
    expect(a.rule).toBe('RATIO');
    expect(a.complete).toBe(true);
    expect(a.units).toHaveLength(63);
    for (const u of a.units) {
      const code = u.region.code;
      expect(u.complete, code).toBe(true);
      expect(u.composedOf, code).toEqual([{ code }]);
      expectRelativelyClose(u.value, (1000 * ent.get(code)!) / (pop.get(code)! * 1000), code);
    }
    // The country: sums of both, never an average of the 63 ratios.
    const totalEnt = sum(ent.values());
    const totalPop = sum([...pop.values()].map((p) => Math.round(p * 1000)));
    expect(a.numerator).toBe(totalEnt);
    expect(a.denominator).toBe(totalPop);
    expectRelativelyClose(a.value, (1000 * totalEnt) / totalPop, 'country');
  });

  it('ranks the 63 provinces of 2022 by new enterprises per 1,000 people, each ratio computed from its own counts', async () => {
    const res = await query(`{ ranking(indicator: "new_enterprises_per_1000_people", period: "2022", level: PROVINCE) {
      entries { rank value region { code } observation { id } sources { title } }
    } }`);
    expect(res.errors).toBeUndefined();
    const entries = res.data.ranking.entries as Array<{
      rank: number;
      value: number;
      region: { code: string };
      observation: null;
      sources: Array<{ title: string }>;
    }>;
    // The sources of the two counts a ratio was computed from: both come from the research panel.
    const catalogue = JSON.parse(fs.readFileSync(path.join(dir, 'catalogue.json'), 'utf8')) as { sources: Array<{ key: string; title: string }> };
    const panel = catalogue.sources.find((x) => x.key === 'ueh-celg-2024-provincial-panel')!.title;
    const ent = enterprises('2022');
    const pop = populationThousands('2022');
    const expected = new Map([...ent].map(([code, n]) => [code, (1000 * n) / (pop.get(code)! * 1000)]));
    expect(entries).toHaveLength(63);
    const ranks = competitionRanks(expected);
    for (const e of entries) {
      expect(e.observation, 'computed, not a stored observation').toBeNull();
      expect(e.sources, e.region.code).toEqual([{ title: panel }]);
      expect(Math.abs(e.value - expected.get(e.region.code)!), e.region.code).toBeLessThan(1e-8);
      expect(e.rank, e.region.code).toBe(ranks.get(e.region.code));
    }
    expect(entries[0]!.region.code).toBe([...expected].sort((a, b) => b[1] - a[1])[0]![0]);
  });

  it('gives the 34 provinces of today comparable 2022 ratios composed from their predecessors (new Đà Nẵng = Đà Nẵng + Quảng Nam)', async () => {
    const res = await query(`{ aggregate(indicator: "new_enterprises_per_1000_people", period: "2022", level: PROVINCE, at: "2025-07-01") {
      value complete units { region { code validFrom } value complete composedOf { code validTo } }
    } }`);
    expect(res.errors).toBeUndefined();
    const a = res.data.aggregate;
    const ent = enterprises('2022');
    const pop = populationThousands('2022');
    expect(a.units).toHaveLength(34);
    expect(a.complete).toBe(true);
    const ratioOf = (codes: string[]) => (1000 * sum(codes.map((c) => ent.get(c)!))) / (sum(codes.map((c) => pop.get(c)!)) * 1000);

    const daNang = a.units.find((u: any) => u.region.code === '48');
    expect(daNang.region.validFrom).toBe('2025-07-01');
    expect(daNang.composedOf.map((r: any) => r.code).sort()).toEqual(['48', '49']);
    expectRelativelyClose(daNang.value, (1000 * (ent.get('48')! + ent.get('49')!)) / ((pop.get('48')! + pop.get('49')!) * 1000), 'new Đà Nẵng');

    const byCode = new Map(a.units.map((u: any) => [u.region.code, u]));
    expect([...byCode.keys()].sort()).toEqual(succession.successors.map((s) => s.code).sort());
    for (const { code, predecessors } of succession.successors) {
      const u: any = byCode.get(code);
      expect(u.complete, code).toBe(true);
      expect(u.composedOf.map((r: any) => r.code).sort(), code).toEqual([...predecessors].sort());
      expect(
        u.composedOf.every((r: any) => r.validTo === '2025-06-30'),
        code,
      ).toBe(true);
      expectRelativelyClose(u.value, ratioOf(predecessors), code);
    }
    // The 34 together are the same country as the 63.
    expectRelativelyClose(a.value, ratioOf([...ent.keys()]), 'country');
  });

  it('refuses to roll PCI up for a merged province and breaks its series instead of averaging', async () => {
    const merged = await query(`{ aggregate(indicator: "pci_score", period: "2021", regions: ["48"], at: "2025-07-01") { value } }`);
    expect(merged.errors?.[0]?.extensions?.code).toBe('NOT_AGGREGATABLE');
    expect(merged.errors?.[0]?.message).toMatch(/"pci_score" cannot be aggregated: its aggregation rule is NONE/);
    const level = await query(`{ aggregate(indicator: "pci_score", period: "2021", level: PROVINCE, at: "2025-07-01") { value } }`);
    expect(level.errors?.[0]?.extensions?.code).toBe('NOT_AGGREGATABLE');

    const res = await query(`{ indicator(slug: "pci_score") {
      timeSeries(region: "48", at: "2025-07-01", from: "2017-01-01", to: "2022-12-31", frequency: YEAR) {
        period { code } value basis complete composition { code validTo }
      }
    } }`);
    expect(res.errors).toBeUndefined();
    const points = res.data.indicator.timeSeries;
    expect(points.map((p: any) => p.period.code)).toEqual(['2017', '2018', '2019', '2020', '2021', '2022']);
    for (const p of points) {
      expect(p.basis, p.period.code).toBe('BREAK');
      expect(p.value, p.period.code).toBeNull();
      expect(p.complete, p.period.code).toBe(false);
      expect(p.composition.map((r: any) => `${r.code} ${r.validTo}`).sort()).toEqual(['48 2025-06-30', '49 2025-06-30']);
    }
  });

  it('composes the new enterprises of new Đà Nẵng before the merger by adding its predecessors (a flow)', async () => {
    const res = await query(`{ indicator(slug: "enterprises_new") {
      timeSeries(region: "48", at: "2025-07-01", from: "2016-01-01", to: "2022-12-31", frequency: YEAR) { period { code } value basis complete }
    } }`);
    expect(res.errors).toBeUndefined();
    const years = ['2016', '2017', '2018', '2019', '2020', '2021', '2022'];
    expect(res.data.indicator.timeSeries).toEqual(
      years.map((year) => ({
        period: { code: year },
        value: enterprises(year).get('48')! + enterprises(year).get('49')!,
        basis: 'COMPOSED',
        complete: true,
      })),
    );
  });

  it('adds up the new enterprises of the 63 provinces in 2019 to the national 138,139', async () => {
    const res = await query(`{ aggregate(indicator: "enterprises_new", period: "2019", level: PROVINCE, at: "2019-12-31") {
      rule method value complete units { value }
    } }`);
    expect(res.errors).toBeUndefined();
    const a = res.data.aggregate;
    expect(a).toMatchObject({ rule: 'SUM', method: 'EXACT', value: 138139, complete: true });
    expect(a.value).toBe(sum(enterprises('2019').values()));
    expect(a.units).toHaveLength(63);
  });

  it('ranks PAPI 2019 with the file’s best province first', async () => {
    const res = await query(`{ ranking(indicator: "papi_total_weighted", period: "2019", level: PROVINCE) {
      indicator { framework } entries { rank value region { code } }
    } }`);
    expect(res.errors).toBeUndefined();
    const { indicator, entries } = res.data.ranking;
    const scores = valuesOf(papiFile, 'papi_total_weighted', '2019');
    const [bestCode, bestValue] = [...scores].sort((x, y) => y[1] - x[1])[0]!;
    expect(indicator.framework).toBe('PAPI');
    expect(entries).toHaveLength(63);
    expect(entries[0]).toEqual({ rank: 1, value: bestValue, region: { code: bestCode } });
    expect(entries[0]).toEqual({ rank: 1, value: 52.4838, region: { code: '83' } }); // Bến Tre
    expect(entries.every((e: any) => e.rank !== null)).toBe(true);
  });

  it('lists TP Hồ Chí Minh last and without rank in PCI 2019 (VCCI: N/A), the other 62 ranked by the file', async () => {
    const res = await query(`{
      score: ranking(indicator: "pci_score", period: "2019", level: PROVINCE, at: "2019-12-31") { entries { rank value region { code } } }
      published: ranking(indicator: "pci_rank", period: "2019", level: PROVINCE, at: "2019-12-31") { entries { rank value region { code } } }
    }`);
    expect(res.errors).toBeUndefined();
    const entries = res.data.score.entries;
    const scores = pciScores('2019');
    expect(entries).toHaveLength(63);
    expect(entries[62]).toEqual({ rank: null, value: null, region: { code: '79' } });
    const ranked = entries.slice(0, 62);
    expect(ranked.every((e: any) => e.rank !== null)).toBe(true);
    const ranks = competitionRanks(scores);
    for (const e of ranked) {
      expect(e.value, e.region.code).toBe(scores.get(e.region.code));
      expect(e.rank, e.region.code).toBe(ranks.get(e.region.code));
    }
    expect(Math.max(...ranked.map((e: any) => e.rank))).toBe(62);

    // The published ranks are kept as VCCI published them (lower is better): 1–13 and 15–63, no 14.
    const published = res.data.published.entries;
    const file = valuesOf(pciFile, 'pci_rank', '2019');
    expect(published).toHaveLength(63);
    expect(published[62]).toEqual({ rank: null, value: null, region: { code: '79' } });
    expect(published.slice(0, 62).map((e: any) => e.value)).toEqual([...file.values()].sort((a, b) => a - b));
    expect(published.slice(0, 62).map((e: any) => e.value)).not.toContain(14);
  });
});
