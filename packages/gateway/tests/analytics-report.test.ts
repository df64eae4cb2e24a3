import { describe, expect, it } from 'vitest';
import { databaseKinds } from './helpers/databases.ts';
import { type graphqlClient, seededApi } from './helpers/graphql.ts';

/** The analytics API on the real dataset: the Quảng Nam report of 2021. */
describe.each(databaseKinds)('analytics on the 2021 Quảng Nam report (%s)', (kind) => {
  const api = seededApi(kind);
  const query: ReturnType<typeof graphqlClient> = (document, variables) => api.query(document, variables);

  it('labels periods in vi and en', async () => {
    const res = await query(`{
      indicator(slug: "enterprises_new") { series(region: "49", from: "2021-01-01", to: "2021-09-30") { period { code kind label en: label(lang: EN) } } }
      dossiers: indicator(slug: "dossiers_received") { series(region: "49") { period { code label en: label(lang: EN) } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.indicator.series[0].period).toEqual({ code: '2021-YTD-09', kind: 'YEAR_TO_DATE', label: '9 tháng 2021', en: '9 months of 2021' });
    expect(res.data.dossiers.series[0].period).toEqual({
      code: '2020-12-15/2021-09-15',
      label: '15/12/2020 – 15/9/2021',
      en: '15 Dec 2020 – 15 Sep 2021',
    });
  });

  it('gives the reported FDI change (−56,8 %) with basis REPORTED and the derived previous capital (~34,0 million USD)', async () => {
    const res = await query(`{ indicator(slug: "fdi_capital_registered") { series(region: "49") {
      value change { basis against percent absolute previousValue previousValueBasis period { code label } }
    } } }`);
    expect(res.errors).toBeUndefined();
    const { value, change } = res.data.indicator.series[0];
    expect(value).toBe(14_700_000);
    expect(change.basis).toBe('REPORTED');
    expect(change.against).toBe('SAME_PERIOD_LAST_YEAR');
    expect(change.percent).toBe(-56.8);
    expect(change.previousValueBasis).toBe('DERIVED');
    expect(change.previousValue / 1e6).toBeCloseTo(34.03, 2); // 14,7 / (1 − 0,568)
    expect(change.absolute / 1e6).toBeCloseTo(-19.33, 2);
    expect(change.period).toEqual({ code: '2020-YTD-09', label: '9 tháng 2020' });
  });

  it('derives the previous count from an absolute reported change (6 new FDI projects, 1 fewer)', async () => {
    const res = await query(
      `{ indicator(slug: "fdi_projects_new") { series(region: "49") { change { basis absolute percent previousValue previousValueBasis } } } }`,
    );
    const change = res.data.indicator.series[0].change;
    expect(change).toMatchObject({ basis: 'REPORTED', absolute: -1, previousValue: 7, previousValueBasis: 'DERIVED' });
    expect(change.percent).toBeCloseTo(-14.29, 2);
  });

  it('has no change where nothing was reported or stored', async () => {
    const res = await query(`{ indicator(slug: "dossiers_received") { series(region: "49") { change { basis } } } }`);
    expect(res.data.indicator.series[0].change).toBeNull();
  });

  it('recomputes a share from its numerator and denominator instead of reading or averaging shares', async () => {
    const res = await query(`{ aggregate(indicator: "dossiers_online_share", regions: ["49"], period: "2020-12-15/2021-09-15") {
      rule method value complete numerator denominator units { region { code } value complete periods { code } }
    } }`);
    expect(res.errors).toBeUndefined();
    const a = res.data.aggregate;
    expect(a.rule).toBe('RATIO');
    expect(a.method).toBe('EXACT');
    expect(a.numerator).toBe(15175);
    expect(a.denominator).toBe(54913);
    expect(a.value).toBeCloseTo((100 * 15175) / 54913, 10); // 27,63 %; the report rounds it to 27,6
    expect(a.complete).toBe(true);
    expect(a.units).toEqual([{ region: { code: '49' }, value: a.value, complete: true, periods: [{ code: '2020-12-15/2021-09-15' }] }]);
  });

  it('refuses to aggregate a rate whose counts are unknown, naming the rule', async () => {
    const res = await query(`{ aggregate(indicator: "dossiers_on_time_rate", regions: ["49"], period: "2020-12-15/2021-09-15") { value } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_AGGREGATABLE');
    expect(res.errors?.[0]?.message).toMatch(/"dossiers_on_time_rate" cannot be aggregated: its aggregation rule is NONE/);
  });

  it('refuses to add overlapping cumulative periods and says why', async () => {
    // enterprises_suspended has only the 9-month figure (enterprises_new now also has whole years, from the 63-province panel).
    const res = await query(`{ aggregate(indicator: "enterprises_suspended", regions: ["49"], period: "2021") { value } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe(
      '"enterprises_suspended" for 2021 (2021) cannot be built from the values stored inside it (2021-YTD-09): they are cumulative or overlapping, and ' +
        'adding them would count the same days twice. Ask for one of those periods instead.',
    );
  });

  it('rejects a malformed period and lists the accepted forms', async () => {
    const res = await query(`{ ranking(indicator: "enterprises_new", period: "Q3/2021") { period { code } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe(
      '"Q3/2021" is not a period: write a year (2021), a quarter (2021-Q3), a month (2021-09), a year to date (2021-YTD-09), a range (2020-12-15/2021-09-15) or a date (2021-10-10)',
    );
  });

  it('ranks the 63 provinces of 2021 with Quảng Nam first and the others listed without rank', async () => {
    const res = await query(`{ ranking(indicator: "enterprises_new", period: "2021-YTD-09") {
      period { code } level at entries { rank value region { code name } }
    } }`);
    expect(res.errors).toBeUndefined();
    const { entries, at } = res.data.ranking;
    expect(at).toBe('2021-09-30');
    expect(entries).toHaveLength(63);
    expect(entries[0]).toEqual({ rank: 1, value: 892, region: { code: '49', name: 'Quảng Nam' } });
    expect(entries.slice(1).every((e: any) => e.rank === null && e.value === null)).toBe(true);
  });

  it('composes new Đà Nẵng before 2025-07 from its predecessors and marks it incomplete when one has no data', async () => {
    const res = await query(`{ indicator(slug: "dossiers_received") {
      timeSeries(region: "48", at: "2025-07-01") { period { code } value basis complete composition { code validTo } }
    } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.indicator.timeSeries).toEqual([
      {
        period: { code: '2020-12-15/2021-09-15' },
        value: 54913,
        basis: 'COMPOSED',
        complete: false,
        composition: [
          { code: '48', validTo: '2025-06-30' },
          { code: '49', validTo: '2025-06-30' },
        ],
      },
    ]);
  });

  it('answers with what was known at a given moment (vintages)', async () => {
    const before = await query(`{ indicator(slug: "enterprises_new") { series(region: "49", asOf: "2021-10-01T00:00:00Z") { value } } }`);
    expect(before.data.indicator.series).toEqual([]);
    const after = await query(`{ indicator(slug: "enterprises_new") { series(region: "49", asOf: "2021-10-11T00:00:00Z") { value revisions { value } } } }`);
    expect(after.data.indicator.series).toEqual([{ value: 892, revisions: [] }]);
  });
});
