/**
 * The ceiling of `pnpm bench:serve`: a bare node:http + pg server that answers the chart widget's
 * question and the minimal series question with ONE prepared SQL statement each, the JSON built
 * by PostgreSQL and sent as text, as it comes. No GraphQL, no ORM, no validation beyond the parameters: the
 * fastest any server on the same tables and pool size could be. Started as a child process by
 * bench-serve.ts; prints `listening <port>` when ready.
 *   GET /chart?indicator=syn_002&region=49&from=2022-07-01&to=2025-06-30
 *   GET /series?indicator=syn_002&region=49&from=2023-07-01&to=2025-06-30
 * Same JSON shape as chiso's answer to the widget's document ({ data: { indicator: … } }): value,
 * qualifier, period (code, start, end, label), region (code, name), source and the change against
 * the same period a year earlier, in Vietnamese. Environment: DATABASE_URL, POOL_SIZE (default 10).
 */
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });

const observations = `
  FROM "Observation" o
  JOIN "Indicator" i ON i.id = o."indicatorId"
  JOIN "Region" r ON r.id = o."regionId"
  WHERE i.slug = $1 AND r.code = $2 AND o."supersededAt" IS NULL
    AND o."periodStart" >= $3::date AND o."periodEnd" <= $4::date`;

/** A month's code and label as chiso writes them for MONTHLY periods: 2024-03, "Tháng 3/2024". */
const CHART = `
SELECT json_build_object('data', json_build_object('indicator', (
  SELECT json_build_object(
    'slug', i.slug, 'name', i."nameVi", 'displayUnit', u."nameVi", 'scaleExponent', i."scaleExponent",
    'decimals', i.decimals, 'direction', i.direction,
    'unit', json_build_object('code', u.code, 'symbol', u.symbol, 'nameVi', u."nameVi", 'nameEn', u."nameEn"),
    'series', COALESCE((
      SELECT json_agg(json_build_object(
        'value', o.value::float8, 'qualifier', o.qualifier,
        'period', json_build_object('code', to_char(o."periodStart", 'YYYY-MM'), 'start', o."periodStart", 'end', o."periodEnd",
                                    'label', 'Tháng ' || extract(month FROM o."periodStart") || '/' || extract(year FROM o."periodStart")),
        'region', json_build_object('code', r.code, 'name', r."nameVi"),
        'source', json_build_object('publisher', s.publisher, 'title', s.title, 'url', s.url, 'publishedAt', s."publishedAt"),
        'change', CASE WHEN p.value IS NULL THEN NULL ELSE json_build_object(
          'basis', 'COMPUTED',
          'percent', CASE WHEN u.code = 'percent' OR p.value = 0 THEN NULL ELSE ((o.value - p.value) / p.value * 100)::float8 END,
          'percentagePoints', CASE WHEN u.code = 'percent' THEN (o.value - p.value)::float8 END,
          'absolute', (o.value - p.value)::float8,
          'previousValue', p.value::float8, 'previousValueBasis', 'REPORTED') END
      ) ORDER BY o."periodStart", o."periodEnd", o.id)
      FROM "Observation" o
      JOIN "Region" r ON r.id = o."regionId"
      JOIN "Source" s ON s.id = o."sourceId"
      LEFT JOIN LATERAL (
        SELECT prev.value FROM "Observation" prev
        WHERE prev."indicatorId" = o."indicatorId" AND prev."regionId" = o."regionId" AND prev."periodKind" = o."periodKind"
          AND prev."periodStart" = (o."periodStart" - interval '1 year')::date AND prev."supersededAt" IS NULL
        LIMIT 1
      ) p ON true
      WHERE o."indicatorId" = i.id AND r.code = $2 AND o."supersededAt" IS NULL
        AND o."periodStart" >= $3::date AND o."periodEnd" <= $4::date
    ), '[]'::json))
  FROM "Indicator" i JOIN "Unit" u ON u.code = i."unitCode"
  WHERE i.slug = $1)))::text AS body`;

const SERIES = `
SELECT json_build_object('data', json_build_object('indicator', json_build_object('series', COALESCE(
  json_agg(json_build_object('value', o.value::float8, 'period', json_build_object('start', o."periodStart")) ORDER BY o."periodStart", o."periodEnd", o.id),
  '[]'::json))))::text AS body
${observations}`;

const statements: Record<string, string> = { '/chart': CHART, '/series': SERIES };

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const text = statements[url.pathname];
  const args = ['indicator', 'region', 'from', 'to'].map((name) => url.searchParams.get(name));
  if (!text || args.some((a) => a === null)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /chart or /series with indicator, region, from, to');
    return;
  }
  try {
    // A named statement is prepared once per connection and reused.
    const result = await pool.query({ name: url.pathname, text, values: args, rowMode: 'array' });
    const body = result.rows[0]![0] as string; // built by PostgreSQL, sent as it comes
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end((error as Error).message);
  }
});

server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
