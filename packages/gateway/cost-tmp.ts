/**
 * Where an uncached widget request's CPU time goes, layer by layer, in this process (no HTTP, no
 * load generator on the same cores): the figures `pnpm bench:serve` cannot separate. Each line is
 * CPU milliseconds per call (user + system, worker threads included) at 10 calls in flight, after
 * a warm-up. Needs the synthetic database bench:serve writes (it is written here when missing).
 *   pnpm bench:cost -- --database-url postgresql://postgres@127.0.0.1:5432/chiso_bench_serve [--calls 3000]
 * See docs/benchmarks.md for what each line isolates.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadSeries } from '@chiso/widgets/data/load.ts';
import { loadSeriesWindow, type WindowRequest } from './src/analytics/series-window.ts';
import { createApp } from './src/app.ts';
import { openDatabase } from './src/db/database.ts';
import { applyMigrations } from './src/db/migrations.ts';
import { isSeeded, seedDatabase } from './src/db/seed/seed.ts';
import { generateSynthetic } from './src/db/synthetic.ts';
import { Prisma } from './src/generated/prisma/client.ts';
import { withNonce } from './scripts/bench-serve/questions.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { 'database-url': { type: 'string' }, calls: { type: 'string' } },
});
const databaseUrl = values['database-url'];
if (!databaseUrl?.startsWith('postgres')) {
  console.error('error: name the benchmark database, e.g. --database-url postgresql://postgres@127.0.0.1:5432/chiso_bench_serve');
  process.exit(2);
}
const calls = Number(values.calls ?? 3000);
if (!Number.isInteger(calls) || calls < 100) {
  console.error(`error: --calls needs a whole number of at least 100 (got "${values.calls}")`);
  process.exit(2);
}

const IN_FLIGHT = 10;
/** CPU ms per call of `fn`, `n` calls with IN_FLIGHT at a time, after n/10 calls of warm-up. */
async function cost(fn: () => Promise<unknown>, n: number): Promise<{ cpu: number; perSecond: number }> {
  for (let i = 0; i < n / 10; i++) await fn();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < n) await fn();
    }),
  );
  const used = process.cpuUsage(cpu0);
  return { cpu: (used.user + used.system) / 1000 / n, perSecond: n / ((performance.now() - t0) / 1000) };
}

const db = await openDatabase({ DATABASE_URL: databaseUrl, CHISO_DATA_DIR: 'memory://' });
try {
  await applyMigrations(db.url);
  if (!(await isSeeded(db.prisma))) await seedDatabase(db.prisma);
  await generateSynthetic(db.prisma, { provinces: 63, districts: 0, indicators: 100, years: 10, frequency: 'MONTHLY', seed: 1, reuse: true });
  const app = createApp({ prisma: db.prisma, logger: pino({ level: 'silent' }) });
  const inProcess: typeof fetch = async (input, init) => app.fetch(new Request(String(input), init));

  // The chart widget's own request, as <chiso-chart> sends it (bench:serve's question).
  let widgetPath = '';
  const recording: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    widgetPath = `${url.pathname}${url.search}`;
    return inProcess(input, init);
  };
  const chart = { api: 'http://bench/graphql', indicator: 'syn_002', regions: ['49'], from: '2022-07-01', to: '2025-06-30' };
  const shown = await loadSeries({ ...chart, lang: 'vi', asOf: null, fresh: true, fetch: recording });
  if (shown?.series[0]?.points.length !== 36) throw new Error('the widget got no 36 months: is the synthetic data there?');
  const window: WindowRequest = { slugs: [chart.indicator], codes: chart.regions, from: new Date(chart.from), to: new Date(chart.to) };
  // The widget's statement as loadSeriesWindow sends it, captured to run it on the pool without Prisma.
  let statement: { text: string; values: unknown[] } | undefined;
  await loadSeriesWindow(
    {
      $queryRaw: (strings: TemplateStringsArray, ...args: unknown[]) => {
        const sql = Prisma.sql(strings, ...args);
        let i = 0;
        statement = { text: sql.sql.replace(/\?/g, () => `$${++i}`), values: sql.values };
        return Promise.resolve([{ indicators: [], units: [], observations: [], regions: [], sources: [], values: [] }]);
      },
    } as never,
    window,
  );

  // loadSeriesWindow's own work on an answer already fetched: parsing dates and decimals, linking rows.
  const [fetched] = await db.prisma.$queryRawUnsafe<unknown[]>(statement!.text, ...statement!.values);
  const answered = { $queryRaw: () => Promise.resolve([structuredClone(fetched)]) } as never;

  let nonce = 0;
  const get = (path: string) => () => inProcess(`http://bench${withNonce({ path }, ++nonce).path}`).then((r) => r.text());
  const typename = `/graphql?query=${encodeURIComponent('{ __typename }')}&variables=%7B%7D`;
  const lines0: Array<[string, () => Promise<unknown>]> = [
    ['SELECT 1 on the pool (pg, prepared)', () => db.pool.query({ name: 'bench_cost_1', text: 'SELECT $1::int AS one', values: [1] })],
    ['SELECT 1 through Prisma ($queryRaw)', () => db.prisma.$queryRaw`SELECT ${1}::int AS one`],
    ["the widget's statement on the pool (pg, prepared)", () => db.pool.query({ name: 'bench_cost_window', text: statement!.text, values: statement!.values })],
    ["the widget's statement through Prisma, rows built (loadSeriesWindow)", () => loadSeriesWindow(db.prisma, window)],
    ['  of which building the rows from a fetched answer (a copy of it included)', () => loadSeriesWindow(answered, window)],
    ['GraphQL `{ __typename }`, uncached (yoga, every plugin, response cache)', get(typename)],
    ["the chart widget's request, uncached", get(widgetPath)],
  ];
  const lines = lines0.slice(-1);
  console.log(`CPU ms per call in this process, ${calls} calls, ${IN_FLIGHT} in flight (median of 3 runs)`);
  for (const [label, fn] of lines) {
    const runs = [await cost(fn, calls), await cost(fn, calls), await cost(fn, calls)].sort((a, b) => a.cpu - b.cpu);
    const m = runs[1]!;
    console.log(`  ${label.padEnd(74)} ${m.cpu.toFixed(3).padStart(6)} ms  (${Math.round(m.perSecond)}/s)`);
  }
} finally {
  await db.close();
}
// The schema engine leaves a timer running: exit explicitly.
process.exit(0);
