/**
 * PostGraphile v4 (library mode, `postgraphile(pool, schema, options)`) over the same tables, on
 * node:http, for `pnpm bench:serve`: the reference a GraphQL-over-PostgreSQL server sets. Started
 * as a child process by bench-serve.ts; prints `listening <port>` when ready. Production options
 * (no query log, no GraphiQL, no schema watching, no mutations) and the connection-filter plugin,
 * which range filters on periods need. Observation's references are checked by statement-level
 * triggers, not foreign keys (docs/publishing-data.md), so PostGraphile is told them by smart tags
 * to build the same relations it would infer from foreign keys. Environment: DATABASE_URL, POOL_SIZE
 * (default 10).
 */
import http from 'node:http';
import pg from 'pg';
import graphileUtils from 'graphile-utils';
import { postgraphile } from 'postgraphile';
import ConnectionFilterPlugin from 'postgraphile-plugin-connection-filter';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });

const ObservationReferences = graphileUtils.makeJSONPgSmartTagsPlugin({
  version: 1,
  config: {
    class: {
      Observation: {
        tags: {
          foreignKey: ['("indicatorId") references "Indicator" (id)', '("regionId") references "Region" (id)', '("sourceId") references "Source" (id)'],
        },
      },
    },
  },
});

const middleware = postgraphile(pool, 'public', {
  // graphile-utils' types name graphql 16 (the workspace's), PostGraphile's its own graphql 15; the
  // smart-tags plugin only adds tags to the introspection and builds no GraphQL type.
  appendPlugins: [ConnectionFilterPlugin, ObservationReferences] as never[],
  disableDefaultMutations: true,
  disableQueryLog: true,
  graphiql: false,
  watchPg: false,
  retryOnInitFail: false,
  setofFunctionsContainNulls: false,
  ignoreRBAC: true,
  legacyRelations: 'omit',
});

const server = http.createServer(middleware);
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
