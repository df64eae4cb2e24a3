import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type pg from 'pg';
// From their own files, not prom-client's main module (deep-imports.d.ts); that one is loaded at the
// first scrape, for the process's metrics.
import Counter from 'prom-client/lib/counter.js';
import Gauge from 'prom-client/lib/gauge.js';
import Histogram from 'prom-client/lib/histogram.js';
import Registry from 'prom-client/lib/registry.js';
import { parseEmbedPath } from '../embed/embed-snippets.ts';
import { classify } from '../errors.ts';
import { requestRecord } from './use-request-log.ts';

/** Distinct GraphQL operation names kept as label values; later names count as "other" (clients choose names). */
const MAX_OPERATIONS = 100;

/** The gateway's Prometheus instruments, on a registry of its own (one per app, so tests can build several). */
export function createMetrics() {
  const registry = new Registry();
  let processMetrics: Promise<void> | undefined;
  const labelNames = ['route', 'operation'] as const;
  const metrics = {
    registry,
    requests: new Counter({
      name: 'chiso_http_requests_total',
      help: 'HTTP requests answered, by route, GraphQL operation and status',
      labelNames: [...labelNames, 'status'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'chiso_errors_total',
      help: 'Errors of requests, by route, operation and error code (client mistakes included)',
      labelNames: [...labelNames, 'code'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'chiso_http_request_duration_seconds',
      help: 'Time from request to response head, by route and operation',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    cache: new Counter({
      name: 'chiso_cache_requests_total',
      help: 'Answers of the response caches (graphql: yoga response cache; route: embed routes), by result (HIT, MISS, BYPASS)',
      labelNames: ['cache', 'result'],
      registers: [registry],
    }),
    sqlDuration: new Histogram({
      name: 'chiso_sql_statement_duration_seconds',
      help: 'SQL statements Prisma sent, and their time',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    operations: new Set<string>(),
    /** The process's own metrics (event-loop lag, memory, CPU, GC), followed from the first scrape on: an app never scraped (tests) starts no monitors. */
    followProcess(): Promise<void> {
      processMetrics ??= import('prom-client').then(({ collectDefaultMetrics }) => collectDefaultMetrics({ register: registry, prefix: 'chiso_' }));
      return processMetrics;
    },
    /** One SQL statement (Prisma's query event; duration in ms). */
    observeStatement(ms: number) {
      metrics.sqlDuration.observe(ms / 1000);
    },
    /** Follows a connection pool: connections open, idle, and requests waiting for one. */
    watchPool(pool: pg.Pool) {
      const gauge = (name: string, help: string, read: () => number) =>
        new Gauge({
          name,
          help,
          registers: [registry],
          collect() {
            this.set(read());
          },
        });
      gauge('chiso_db_pool_connections', 'Connections the pool holds to the database', () => pool.totalCount);
      gauge('chiso_db_pool_idle_connections', 'Connections of the pool not running a statement', () => pool.idleCount);
      gauge('chiso_db_pool_waiting_requests', 'Statements waiting for a connection of the pool', () => pool.waitingCount);
      gauge('chiso_db_pool_max_connections', 'The size of the pool (DATABASE_POOL_SIZE)', () => pool.options.max ?? 10);
    },
  };
  return metrics;
}
export type Metrics = ReturnType<typeof createMetrics>;

const embedRoutes: Record<string, string> = { '.svg': 'embed-svg', '.png': 'embed-png', '.csv': 'embed-csv', '/full.csv': 'embed-full-csv' };

/** A route's label: what the path is, never the path itself (ids would make a series per chart). */
export function routeOf(pathname: string): string {
  if (pathname === '/graphql') return 'graphql';
  if (pathname === '/oembed') return 'oembed';
  if (pathname === '/embed/loader.js') return 'embed-loader';
  const embed = parseEmbedPath(pathname);
  if (embed) return embedRoutes[embed.suffix ?? ''] ?? 'embed-page';
  const folder = /^\/(widgets|examples|builder|publish|shared|import)(\/|$)/.exec(pathname);
  if (folder) return folder[1]!;
  if (['/health', '/ready', '/metrics'].includes(pathname)) return pathname.slice(1);
  return 'other';
}

/**
 * Observes every answer (requests, errors by code, latency, cache results) and serves `/metrics`
 * when `endpoint` is given: open, or only with `Authorization: Bearer <token>`. Goes last in the
 * plugin list: its `onResponse` then sees the final status and the caches' `x-cache`, and times
 * from the request log's start, so answers ended early by an earlier plugin are counted too.
 */
export function useMetrics(metrics: Metrics, endpoint: { token?: string } | false): Plugin {
  const allowed = (request: Request) => {
    const token = endpoint ? endpoint.token : undefined;
    if (!token) return true;
    const sent = Buffer.from(request.headers.get('authorization') ?? '');
    const wanted = Buffer.from(`Bearer ${token}`);
    return sent.length === wanted.length && timingSafeEqual(sent, wanted);
  };
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics' || !endpoint) return;
      if (!allowed(request)) {
        return endResponse(
          new fetchAPI.Response('/metrics needs the METRICS_TOKEN: send Authorization: Bearer <token>\n', {
            status: 401,
            headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer', 'cache-control': 'no-store' },
          }),
        );
      }
      await metrics.followProcess();
      endResponse(
        new fetchAPI.Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' } }),
      );
    },
    onResponse({ request, response }) {
      const record = requestRecord(request);
      const path = new URL(request.url).pathname;
      const route = routeOf(path);
      let operation = record?.operation ?? '';
      if (operation && !metrics.operations.has(operation)) {
        if (metrics.operations.size < MAX_OPERATIONS) metrics.operations.add(operation);
        else operation = 'other';
      }
      const labels = { route, operation };
      metrics.requests.inc({ ...labels, status: String(response.status) });
      if (record) metrics.duration.observe(labels, (performance.now() - record.at) / 1000);
      for (const error of record?.errors ?? []) metrics.errors.inc({ ...labels, code: classify(error).code });
      const cache = response.headers.get('x-cache');
      if (cache) metrics.cache.inc({ cache: route === 'graphql' ? 'graphql' : 'route', result: cache });
    },
  };
}
