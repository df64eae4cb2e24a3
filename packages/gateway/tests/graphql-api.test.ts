import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { databaseKinds } from './helpers/databases.ts';
import { bundledCounts } from './helpers/bundled.ts';
import { graphqlClient, seededApi } from './helpers/graphql.ts';

const { indicatorSlugs: catalogueSlugs, reportSlugs } = bundledCounts();

describe.each(databaseKinds)('GraphQL API on %s', (kind) => {
  const api = seededApi(kind);
  const query: ReturnType<typeof graphqlClient> = (document, variables) => api.query(document, variables);

  it('answers the on-time rate of the source report: 99.8', async () => {
    const res = await query(`{
      indicator(slug: "dossiers_on_time_rate") {
        name(lang: EN) displayUnit aggregation
        series(region: "49", from: "2020-12-15", to: "2021-09-15") {
          value qualifier periodKind periodStart periodEnd status
          region { code name officialName }
          source { publisher title url publishedAt author }
        }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const { indicator } = res.data;
    expect(indicator.displayUnit).toBe('%');
    expect(indicator.series).toHaveLength(1);
    expect(indicator.series[0]).toMatchObject({
      value: 99.8,
      qualifier: 'EXACT',
      periodKind: 'REPORTING_PERIOD',
      periodStart: '2020-12-15',
      periodEnd: '2021-09-15',
      status: 'PROVISIONAL',
      region: { code: '49', name: 'Quảng Nam', officialName: 'Tỉnh Quảng Nam' },
      source: { publisher: 'Người Lao Động', publishedAt: '2021-10-10', author: 'Quang Vinh' },
    });
  });

  it('stores every figure of the report in base units, with qualifiers and reported changes', async () => {
    const res = await query(`{
      indicators(first: 100) { edges { node {
        slug scaleExponent displayUnit(lang: VI)
        series(region: "49") { value exactValue qualifier reportedChange { percent absolute against } }
      } } }
    }`);
    expect(res.errors).toBeUndefined();
    const bySlug = Object.fromEntries(res.data.indicators.edges.map((e: any) => [e.node.slug, e.node]));
    expect(Object.keys(bySlug).sort()).toEqual([...catalogueSlugs].sort());
    // Every indicator of the report has its figure for Quảng Nam.
    expect(reportSlugs.filter((slug) => bySlug[slug].series.length === 0)).toEqual([]);
    const value = (slug: string) => bySlug[slug].series[0].value;
    expect(value('dossiers_received')).toBe(54913);
    expect(value('dossiers_resolved')).toBe(44657);
    expect(value('dossiers_online')).toBe(15175);
    expect(value('dossiers_online_share')).toBe(27.6);
    expect(value('dossiers_onsite_4step')).toBe(19107);
    expect(value('dossiers_postal_return')).toBe(20255);
    expect(value('dossiers_postal_return_share')).toBe(36.9);
    expect(value('egov_email_accounts')).toBe(25617);
    expect(value('par_plan_key_tasks')).toBe(7);
    expect(value('par_plan_tasks')).toBe(47);
    expect(bySlug.fdi_capital_registered.series[0].exactValue).toBe('14700000');
    expect(bySlug.fdi_capital_registered.displayUnit).toBe('triệu USD');
    expect(bySlug.ddi_capital_registered.series[0].exactValue).toBe('4927000000000');
    expect(bySlug.ddi_capital_registered.displayUnit).toBe('tỷ đồng');
    expect(bySlug.fdi_capital_registered.series[0].reportedChange).toEqual({ percent: -56.8, absolute: null, against: 'SAME_PERIOD_LAST_YEAR' });
    expect(bySlug.fdi_projects_new.series[0]).toMatchObject({ value: 6, reportedChange: { absolute: -1, percent: null } });
    expect(bySlug.enterprises_awaiting_dissolution.series[0]).toMatchObject({ value: 233, reportedChange: { percent: 94 } });
    expect(bySlug.egov_signed_edocs_share.series[0]).toMatchObject({ value: 90, qualifier: 'MORE_THAN' });
    expect(bySlug.egov_report_templates.series[0]).toMatchObject({ value: 30, qualifier: 'MORE_THAN' });
    expect(bySlug.dossiers_received.series[0].reportedChange).toBeNull();
  });

  it('shares use dossiers received as the denominator', async () => {
    const res = await query(`{ indicator(slug: "dossiers_online_share") { aggregation numerator { slug } denominator { slug } } }`);
    expect(res.data.indicator).toEqual({ aggregation: 'RATIO', numerator: { slug: 'dossiers_online' }, denominator: { slug: 'dossiers_received' } });
  });

  it('lists 63 provinces in 2021 and 34 from 2025-07-01', async () => {
    const count = async (at: string) => {
      const res = await query(`query($at: Date) { regions(level: PROVINCE, at: $at, first: 100) { edges { node { code } } pageInfo { hasNextPage } } }`, {
        at,
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.regions.pageInfo.hasNextPage).toBe(false);
      return res.data.regions.edges.length;
    };
    expect(await count('2021-01-01')).toBe(63);
    expect(await count('2025-06-30')).toBe(63);
    expect(await count('2025-07-01')).toBe(34);
  });

  it('resolves a reused code to the unit valid at the date asked, with its succession', async () => {
    const res = await query(`{
      before: region(code: "48", at: "2021-01-01") { name(lang: EN) validTo successors { code name validFrom } }
      after: region(code: "48", at: "2025-07-01") { name validFrom predecessors { code name } predecessorChanges { kind legalBasis effectiveFrom } }
      laocai: region(code: "15", at: "2025-07-01") { name predecessors { code name } }
      yenbai: region(code: "15", at: "2024-01-01") { name parent { code name(lang: EN) level } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.before).toEqual({ name: 'Da Nang', validTo: '2025-06-30', successors: [{ code: '48', name: 'Đà Nẵng', validFrom: '2025-07-01' }] });
    expect(res.data.after.validFrom).toBe('2025-07-01');
    expect(res.data.after.predecessors.map((r: any) => r.code).sort()).toEqual(['48', '49']);
    expect(res.data.after.predecessorChanges[0]).toMatchObject({ kind: 'MERGER', legalBasis: 'Nghị quyết 202/2025/QH15', effectiveFrom: '2025-07-01' });
    expect(res.data.laocai.predecessors.map((r: any) => r.name).sort()).toEqual(['Lào Cai', 'Yên Bái']);
    expect(res.data.yenbai).toEqual({ name: 'Yên Bái', parent: { code: 'VN', name: 'Viet Nam', level: 'COUNTRY' } });
  });

  it('pages the catalogue with cursors and filters by search and category', async () => {
    const first = await query(`{ indicators(first: 10) { edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data.indicators.edges).toHaveLength(10);
    expect(first.data.indicators.pageInfo.hasNextPage).toBe(true);
    const rest = await query(`query($after: String) { indicators(first: 100, after: $after) { edges { node { slug } } pageInfo { hasNextPage } } }`, {
      after: first.data.indicators.pageInfo.endCursor,
    });
    expect(rest.data.indicators.edges).toHaveLength(catalogueSlugs.size - 10);
    const all = [...first.data.indicators.edges, ...rest.data.indicators.edges].map((e: any) => e.node.slug);
    expect(new Set(all)).toEqual(catalogueSlugs);

    const search = await query(`{ indicators(search: "doanh nghiệp", first: 50) { edges { node { slug } } } }`);
    const found = search.data.indicators.edges.map((e: any) => e.node.slug);
    expect(found).toEqual(expect.arrayContaining(['enterprises_new', 'enterprises_dissolved']));
    expect(found).not.toContain('dossiers_received');
    const english = await query(`{ indicators(search: "FDI", first: 50) { edges { node { slug } } } }`);
    expect(english.data.indicators.edges.map((e: any) => e.node.slug).sort()).toEqual(['fdi_capital_registered', 'fdi_projects_new']);

    const egov = await query(`{ indicators(category: DIGITAL_GOVERNMENT, first: 50) { edges { node { slug category } } } }`);
    expect(egov.data.indicators.edges.map((e: any) => e.node.slug).sort()).toEqual([
      'egov_digital_cert_agencies_share',
      'egov_email_accounts',
      'egov_report_templates',
      'egov_signed_edocs_share',
    ]);
  });

  it('gives null or an empty list, not an error, for unknown slugs and regions', async () => {
    const res = await query(`{
      indicator(slug: "no_such_indicator") { slug }
      region(code: "99") { code }
      known: indicator(slug: "dossiers_received") { series(region: "99") { value } }
      bySearch: indicators(search: "zzzz-nothing") { edges { node { slug } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ indicator: null, region: null, known: { series: [] }, bySearch: { edges: [] } });
  });

  it("answers a share's parts for one region in one request: the report's three shares of dossiers received", async () => {
    const res = await query(`{
      indicatorValues(indicators: ["dossiers_online_share", "dossiers_onsite_4step_share", "dossiers_postal_return_share", "no_such_indicator"], region: "49") {
        indicator { slug displayUnit } observation { value period { code } region { name } source { publisher } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    // In the order asked, the unknown slug left out; 27,6 %, 35 % and 36,9 % of dossiers received.
    expect(res.data.indicatorValues.map((v: any) => [v.indicator.slug, v.observation.value, v.observation.period.code, v.observation.region.name])).toEqual([
      ['dossiers_online_share', 27.6, '2020-12-15/2021-09-15', 'Quảng Nam'],
      ['dossiers_onsite_4step_share', 35, '2020-12-15/2021-09-15', 'Quảng Nam'],
      ['dossiers_postal_return_share', 36.9, '2020-12-15/2021-09-15', 'Quảng Nam'],
    ]);
  });

  it('names the region of a series without values (the unit that holds the code), never only its code', async () => {
    // dossiers_received is reported for Quảng Nam (49) only: 48 and 01 have no values.
    const res = await query(
      `{ indicatorSeries(indicator: "dossiers_received", regions: ["49", "48", "01", "99"]) { series { code region { code name } observations { value } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.indicatorSeries.series.map((s: any) => [s.code, s.region?.name ?? null, s.observations.length > 0])).toEqual([
      ['49', 'Quảng Nam', true],
      ['48', 'Đà Nẵng', false],
      ['01', 'Hà Nội', false],
      ['99', null, false],
    ]);
  });

  it('rejects an empty list of regions or indicators and a bad period with BAD_USER_INPUT', async () => {
    const noRegions = await query(`{ indicatorSeries(indicator: "dossiers_received", regions: []) { series { code } } }`);
    expect(noRegions.errors?.[0]).toMatchObject({ message: '"regions" takes 1 to 100 non-empty values, got 0', extensions: { code: 'BAD_USER_INPUT' } });
    const badPeriod = await query(`{ indicatorValues(indicators: ["dossiers_received"], region: "49", period: "2021-13") { indicator { slug } } }`);
    expect(badPeriod.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badPeriod.errors?.[0]?.message).toContain('"2021-13" is not a period');
    const swapped = await query(
      `{ indicatorSeries(indicator: "dossiers_received", regions: ["49"], from: "2022-01-01", to: "2021-01-01") { series { code } } }`,
    );
    expect(swapped.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects an invalid date with BAD_USER_INPUT and says what to write', async () => {
    const literal = await query(`{ regions(at: "2021-02-30") { edges { node { code } } } }`);
    expect(literal.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(literal.errors?.[0]?.message).toMatch(/"2021-02-30" is not a valid date: write an ISO date like "2021-09-15"/);
    const variable = await query(`query($at: Date) { regions(at: $at) { edges { node { code } } } }`, { at: '15/9/2021' });
    expect(variable.status).toBe(400);
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0]?.message).toMatch(/"15\/9\/2021" is not a valid date/);
  });

  it('rejects a "from" after "to"', async () => {
    const res = await query(`{ indicator(slug: "dossiers_received") { series(region: "49", from: "2021-09-15", to: "2020-12-15") { value } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe('"from" (2021-09-15) is after "to" (2020-12-15): swap them or widen the range');
  });

  it('rejects a page size over the limit instead of truncating', async () => {
    const res = await query(`{ regions(first: 500) { edges { node { code } } } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 100 });
    expect(res.errors?.[0]?.message).toMatch(/"first" is 500, over the page size limit of 100/);
  });

  it('never sends internals of unexpected errors', async () => {
    const res = await query(`{ indicator(slug: "dossiers_received") { slug } }`);
    expect(res.errors).toBeUndefined();
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const broken = graphqlClient(
      new Proxy(api.db.prisma, {
        get: () => {
          throw new Error('secret internals at /srv/x.ts:1');
        },
      }) as never,
      logger,
    );
    const failed = await broken(`{ indicator(slug: "dossiers_received") { slug } }`);
    expect(failed.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(failed)).not.toContain('secret internals');
    // The operator's log keeps what the client does not see: the original error and where it arose.
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.level === 50);
    expect(logged).toMatchObject({ msg: 'request', errors: [{ code: 'INTERNAL_SERVER_ERROR' }], err: { message: 'secret internals at /srv/x.ts:1' } });
    expect(logged.err.stack).toContain('graphql-api.test.ts');
  });
});
