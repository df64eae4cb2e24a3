/**
 * Analytics benchmark on a database filled by `pnpm data:synthetic` (full size: 63 provinces,
 * 700 districts, 100 indicators, 10 years monthly). Prints, per operation, the SQL statements and
 * the median time of several runs, in-process through the yoga app (no HTTP):
 *   pnpm --filter @chiso/gateway bench:analytics -- --database-url postgresql://…/chiso_bench [--runs 5]
 *   pnpm --filter @chiso/gateway bench:analytics -- --data-dir /tmp/chiso-bench-pglite
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrations.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' }, runs: { type: 'string' }, 'last-year': { type: 'string' } },
});
if (!values['database-url'] && !values['data-dir']) {
  console.error('error: name the benchmark database with --database-url postgresql://… or --data-dir DIR');
  process.exit(1);
}
const runs = Number(values.runs ?? 5);
const lastYear = Number(values['last-year'] ?? 2025);
const statements: string[] = [];
const db = await openDatabase(
  { DATABASE_URL: values['database-url'], CHISO_DATA_DIR: values['data-dir'] ?? 'memory://' },
  { onQuery: (sql) => statements.push(sql) },
);
await applyMigrations(db.url);
const rows = await db.prisma.observation.count();
const synthetic = await db.prisma.indicator.count({ where: { slug: { startsWith: 'syn_' } } });
console.log(`database: ${db.kind} (${db.location}); ${rows.toLocaleString('en')} observations, ${synthetic} synthetic indicators`);
if (synthetic === 0) {
  console.error('error: no synthetic data: run pnpm data:synthetic first (see README)');
  process.exit(1);
}

const app = createApp({ prisma: db.prisma, logger: pino({ level: 'silent' }) });
const first = lastYear - 9;
const operations: Record<string, string> = {
  [`dashboard: every indicator of a category × 34 provinces at ${lastYear}-09, with change, source and names`]: `{
    indicators(category: ADMIN_REFORM_PUBLIC_SERVICES, search: "syn_", first: 100) { totalCount edges { node {
      slug name unit { code }
      ranking(period: "${lastYear}-09") { rank value region { code name } change { basis percent percentagePoints } observation { qualifier source { title } } }
    } } } }`,
  [`10-year monthly series of one province (${first}-${lastYear}), with change against the year before`]: `{
    indicator(slug: "syn_002") { series(region: "01", from: "${first}-01-01", to: "${lastYear}-12-31") { value period { code } change { percent } } } }`,
  '10-year monthly series of new Đà Nẵng (48), composed from its predecessors before 2025-07': `{
    indicator(slug: "syn_002") { timeSeries(region: "48", at: "${lastYear}-12-31", from: "${first}-01-01", to: "${lastYear}-12-31") { value basis complete } } }`,
  [`ranking of the 63 provinces for a year rolled up from months (${lastYear - 1})`]: `{
    aggregate(indicator: "syn_002", period: "${lastYear - 1}", level: PROVINCE) { value complete } }`,
  [`ratio rolled up over every district for a year (${lastYear - 1})`]: `{
    aggregate(indicator: "syn_003", period: "${lastYear - 1}", level: DISTRICT, at: "${lastYear - 1}-12-31") { value complete units { value } } }`,
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, document] of Object.entries(operations)) {
  const times: number[] = [];
  let count = 0;
  let size = 0;
  for (let i = 0; i < runs; i++) {
    statements.length = 0;
    const t0 = performance.now();
    const response = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document }),
    });
    const text = await response.text();
    times.push(performance.now() - t0);
    count = statements.length;
    size = text.length;
    const body = JSON.parse(text);
    if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
  }
  console.log(
    `${name}\n  ${count} SQL statements; median ${Math.round(median(times))} ms over ${runs} runs (first ${Math.round(times[0]!)} ms); ${Math.round(size / 1024)} KB`,
  );
}
await db.close();
process.exit(0);
