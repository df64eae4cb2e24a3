/**
 * The questions `pnpm bench:serve` times, asked of chiso, PostGraphile v4 and the ceiling, and the
 * checks that every server answers them with the same figures before any is timed.
 *
 * The chart widget's request is not written here: it is captured from the widgets' own data code
 * (`loadSeries`, what <chiso-chart> calls), so the benchmark sends whatever document, URL and
 * headers the element sends today, persisted documents included once they land.
 */
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import type { loadSeries as LoadSeries } from '@chiso/widgets/data/load.ts';
import { median, type Target } from './load.ts';

/** A count indicator in dossiers; Quảng Nam (49), a province over the whole range (it merged on 2025-07-01). */
const INDICATOR = 'syn_002';
const REGION = '49';
/** The chart: 36 months. The minimal series: the last 24 of them. */
const CHART = { from: '2022-07-01', to: '2025-06-30' };
const MINIMAL = { from: '2023-07-01', to: '2025-06-30' };

type Request = Pick<Target, 'method' | 'path' | 'headers' | 'body'>;

const yearEarlier = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;

/** Adds a variable no document declares (GraphQL ignores it) so that each request is new to a response cache. */
export function withNonce(request: { path: string; body?: string }, n: number): { path: string; body?: string } {
  const url = new URL(request.path, 'http://x');
  const variables = url.searchParams.get('variables');
  if (variables !== null) {
    url.searchParams.set('variables', JSON.stringify({ ...JSON.parse(variables), benchNonce: n }));
    return { path: `${url.pathname}${url.search}` };
  }
  if (request.body) {
    const body = JSON.parse(request.body);
    return { path: request.path, body: JSON.stringify({ ...body, variables: { ...body.variables, benchNonce: n } }) };
  }
  throw new Error(`cannot make the widget's request uncached: it has no variables (${request.path})`);
}

async function send(origin: string, request: Request, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${origin}${request.path}`, { method: request.method, headers: { ...request.headers, ...extra }, body: request.body });
}

/** How a response says it came from a cache, or null: envelop's response cache extension, or a cache header. */
function hitIn(response: Response, body: string): string | null {
  for (const name of ['x-cache', 'cache-status', 'x-response-cache', 'x-cache-status']) {
    const value = response.headers.get(name);
    if (value && /hit/i.test(value)) return `${name}: ${value}`;
  }
  if (response.headers.has('age')) return `age: ${response.headers.get('age')}`;
  try {
    if (JSON.parse(body)?.extensions?.responseCache?.hit === true) return 'extensions.responseCache.hit';
  } catch {
    // not JSON: headers only
  }
  return null;
}

async function timed(ask: () => Promise<Response>): Promise<{ ms: number; hit: string | null }> {
  const t = performance.now();
  const response = await ask();
  const body = await response.text();
  return { ms: performance.now() - t, hit: hitIn(response, body) };
}

/**
 * Whether a repeated request is answered from a cache, and how that shows: a hit said in the
 * answer (envelop's `extensions.responseCache.hit`, `X-Cache`, `Cache-Status`, `Age`), or else
 * inferred when the repeated request is answered in under a third of the time of a new one
 * (one request at a time, interleaved, medians of `samples`). Null when neither shows.
 */
export async function cacheEvidence(same: () => Promise<Response>, fresh: () => Promise<Response>, samples = 9): Promise<string | null> {
  await timed(same);
  const repeated: Array<{ ms: number; hit: string | null }> = [];
  const others: number[] = [];
  for (let i = 0; i < samples; i++) {
    repeated.push(await timed(same));
    const other = await timed(fresh);
    // Then the "uncached" figures would be cached ones.
    if (other.hit) throw new Error(`a request never asked before was answered from a cache (${other.hit}): the benchmark cannot measure the uncached path`);
    others.push(other.ms);
  }
  const said = repeated.find((r) => r.hit)?.hit;
  if (said) return `hit said by ${said}`;
  const [a, b] = [median(repeated.map((r) => r.ms)), median(others)];
  return a < b / 3 ? `inferred: repeated ${a.toFixed(1)} ms, new ${b.toFixed(1)} ms` : null;
}

const values = (points: Array<{ value: number | string | null }>) => points.map((p) => (p.value === null ? null : Number(p.value)));

export type ChartQuestion = Awaited<ReturnType<typeof chartQuestion>>;

/**
 * The chart widget's question, captured from the widgets' data code and answered once by the
 * gateway: its request, its figures, and whether the gateway caches it and answers
 * If-None-Match.
 */
export async function chartQuestion(prisma: PrismaClient, api: string, loadSeries: typeof LoadSeries) {
  const sent: Request[] = [];
  const recording: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    sent.push({
      method: (init?.method ?? 'GET') as Target['method'],
      path: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: init?.body as string | undefined,
    });
    return fetch(input, init);
  };
  // As <chiso-chart indicator=… region=… from=… to=… lang=vi> asks.
  const data = await loadSeries({
    api,
    indicator: INDICATOR,
    regions: [REGION],
    from: CHART.from,
    to: CHART.to,
    lang: 'vi',
    asOf: null,
    fresh: true,
    fetch: recording,
  });
  if (sent.length !== 1) throw new Error(`<chiso-chart> now sends ${sent.length} requests for one region: teach bench-serve to replay each`);
  const points = data?.series[0]?.points ?? [];
  if (points.length !== 36)
    throw new Error(`the widget's request got ${points.length} points, not the 36 months ${CHART.from} … ${CHART.to}: is the synthetic data there?`);
  const request = sent[0]!;
  const origin = new URL(api).origin;

  const first = await send(origin, request);
  const firstBody = await first.text();
  let nonce = 0;
  const cache = await cacheEvidence(
    () => send(origin, request),
    () => send(origin, { ...request, ...withNonce(request, --nonce) }),
  );
  const etag = first.headers.get('etag');
  // As a browser revalidates. Node's fetch, given If-None-Match, adds `Cache-Control: no-cache`
  // (the Fetch standard's rule for conditional requests) unless one is set, and a server may answer
  // that with the whole body; the timed run (autocannon) sends only the headers it is given.
  const notModified = etag ? (await send(origin, request, { 'if-none-match': etag, 'cache-control': 'max-age=0' })).status === 304 : false;
  // The nonce must not change the answer.
  const varied = await send(origin, { ...request, ...withNonce(request, 1) });
  if (JSON.stringify((await varied.json()).data) !== JSON.stringify(JSON.parse(firstBody).data))
    throw new Error('the cache-busting variable changed the answer');

  const region = await prisma.region.findFirstOrThrow({ where: { code: REGION, level: 'PROVINCE', validFrom: null }, select: { id: true } });
  const expected = values(points);
  const question = {
    request,
    vary: withNonce,
    cache,
    etag,
    notModified,
    regionId: region.id,
    ceilingQuery: new URLSearchParams({ indicator: INDICATOR, region: REGION, ...CHART }).toString(),

    /** Every server answers with the widget's figures (the minimal series: the last 24 of them) before anything is timed. */
    async checkAnswers(targets: Record<string, Target>) {
      const pick: Record<string, (body: any) => Array<{ value: number | string | null }>> = {
        postgraphileChart: (b) => b.data.allIndicators.nodes[0].series.nodes,
        ceilingChart: (b) => b.data.indicator.series,
        minimal: (b) => b.data.indicator.series,
        postgraphileMinimal: (b) => b.data.allIndicators.nodes[0].series.nodes,
        ceilingMinimal: (b) => b.data.indicator.series,
      };
      for (const [name, read] of Object.entries(pick)) {
        const target = targets[name]!;
        const response = await send(target.url, target);
        const text = await response.text();
        let got: Array<number | null>;
        try {
          got = values(read(JSON.parse(text)));
        } catch {
          throw new Error(`${name} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
        }
        const want = name.toLowerCase().includes('minimal') ? expected.slice(-24) : expected;
        if (JSON.stringify(got) !== JSON.stringify(want))
          throw new Error(`${name} answered other figures than the widget got: ${JSON.stringify(got.slice(0, 5))}… vs ${JSON.stringify(want.slice(0, 5))}…`);
      }
      // The change the widget shows comes back from PostGraphile as the year before's values.
      const pg = targets.postgraphileChart!;
      const previous = (await (await send(pg.url, pg)).json()).data.allIndicators.nodes[0].previousYear.nodes;
      if (previous.length !== 36) throw new Error(`PostGraphile gave ${previous.length} values of the year before, not 36`);
    },

    /** Saves `count` line charts of the question through the API with a PUBLISH key; their ids. */
    async saveCharts(origin: string, key: string, count: number): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const response = await fetch(`${origin}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({
            query: `mutation($input: ChartInput!) { createChart(input: $input) { id } }`,
            variables: {
              input: {
                element: 'CHART',
                type: 'line',
                indicators: [INDICATOR],
                regions: [REGION],
                from: CHART.from,
                to: CHART.to,
                title: `bench:serve ${i + 1}`,
              },
            },
          }),
        });
        const body = await response.json();
        if (!body.data?.createChart?.id) throw new Error(`createChart failed: ${JSON.stringify(body.errors ?? body)}`);
        ids.push(body.data.createChart.id);
      }
      return ids;
    },
  };
  return question;
}

const postgraphileRange = `condition: { regionId: $region, supersededAt: null }, orderBy: [PERIOD_START_ASC, PERIOD_END_ASC, ID_ASC]`;

/**
 * The chart's question for PostGraphile, with the fields the widget asks for: the indicator and
 * its unit, then per month the value, qualifier, period, region and source; the change is the same
 * months a year earlier (PostGraphile has no change of its own). Names in Vietnamese, as lang=vi.
 * The region is its id (PostGraphile has no notion of a code valid over time) and the slug a
 * condition (Prisma's unique index is not a constraint PostGraphile turns into a field).
 */
export function postgraphileChart(q: ChartQuestion): Omit<Target, 'url'> {
  const query = `query Chart($slug: String!, $region: Int!, $from: Date!, $to: Date!, $previousFrom: Date!, $previousTo: Date!) {
  allIndicators(condition: { slug: $slug }) { nodes {
    slug nameVi scaleExponent decimals direction
    unitByUnitCode { code symbol nameVi nameEn }
    series: observationsByIndicatorId(${postgraphileRange}, filter: { periodStart: { greaterThanOrEqualTo: $from }, periodEnd: { lessThanOrEqualTo: $to } }) {
      nodes { value qualifier periodStart periodEnd periodKind regionByRegionId { code nameVi } sourceBySourceId { publisher title url publishedAt } }
    }
    previousYear: observationsByIndicatorId(${postgraphileRange}, filter: { periodStart: { greaterThanOrEqualTo: $previousFrom }, periodEnd: { lessThanOrEqualTo: $previousTo } }) {
      nodes { value periodStart }
    }
  } }
}`;
  const variables = { slug: INDICATOR, region: q.regionId, ...CHART, previousFrom: yearEarlier(CHART.from), previousTo: yearEarlier(CHART.to) };
  return { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) };
}

/** The minimal series for PostGraphile: value and period start of 24 months. */
export function postgraphileSeries(q: ChartQuestion): Omit<Target, 'url'> {
  const query = `query MinimalSeries($slug: String!, $region: Int!, $from: Date!, $to: Date!) {
  allIndicators(condition: { slug: $slug }) { nodes {
    series: observationsByIndicatorId(${postgraphileRange}, filter: { periodStart: { greaterThanOrEqualTo: $from }, periodEnd: { lessThanOrEqualTo: $to } }) { nodes { value periodStart } }
  } }
}`;
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: { slug: INDICATOR, region: q.regionId, ...MINIMAL } }),
  };
}

/** One indicator, one province, 24 months, value and period start: the least a series can ask. */
export const MINIMAL_SERIES = {
  chiso(q: ChartQuestion): Omit<Target, 'url'> {
    const document = `query MinimalSeries($indicator: String!, $region: String!, $from: Date, $to: Date) {
  indicator(slug: $indicator) { series(region: $region, from: $from, to: $to) { value period { start } } }
}`;
    // Not one of the widgets' persisted documents: sent as its text, as any other client would.
    const url = new URL('http://x/graphql');
    url.searchParams.set('query', document);
    url.searchParams.set('variables', JSON.stringify({ indicator: INDICATOR, region: REGION, ...MINIMAL }));
    return { method: 'GET', path: `${url.pathname}${url.search}`, headers: q.request.headers };
  },
  ceilingQuery: () => new URLSearchParams({ indicator: INDICATOR, region: REGION, ...MINIMAL }).toString(),
};
