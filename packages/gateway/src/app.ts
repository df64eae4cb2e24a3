import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createYoga } from 'graphql-yoga';
import type { Logger } from 'pino';
import { authenticate, type Principal } from './auth/principal.ts';
import { entitiesOf, onPublished } from './cache/publication.ts';
import { createSharedCache, type SharedCache } from './cache/shared-cache.ts';
import { limitsOf, loadConfig, repoRoot, type Limits } from './config.ts';
import type { Context } from './context.ts';
import { maskGraphQLError } from './errors.ts';
import type { EmbeddedState } from './db/embedded-thread.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { listeningOrigin, publicOriginResolver, type PublicOriginResolver } from './http/public-origin.ts';
import { createLoaders } from './loaders.ts';
import { useCompression } from './plugins/use-compression.ts';
import { useCompiledExecution } from './plugins/use-compiled-execution.ts';
import { useCrossOrigin } from './plugins/use-cross-origin.ts';
import { useEmbeds } from './plugins/use-embeds.ts';
import { withErrorBoundary } from './plugins/use-error-boundary.ts';
import { useHealth } from './plugins/use-health.ts';
import { renderGraphiQL, useGraphiQLAssets } from './plugins/use-graphiql-assets.ts';
import { useHttpCache } from './plugins/use-http-cache.ts';
import { useImportTemplates } from './plugins/use-import-templates.ts';
import { useLimits } from './plugins/use-limits.ts';
import { createMetrics, useMetrics, type Metrics } from './plugins/use-metrics.ts';
import { usePersistedDocuments } from './plugins/use-persisted-documents.ts';
import { INNER_HEADER, rememberOriginal, useRequestLog } from './plugins/use-request-log.ts';
import { useResponseCache } from './plugins/use-response-cache.ts';
import { useRateLimit, type RateLimiters } from './plugins/use-rate-limit.ts';
import { useRouteCache } from './plugins/use-route-cache.ts';
import { useSecurityHeaders } from './plugins/use-security-headers.ts';
import { useStaticFolder } from './plugins/use-static-folder.ts';
import { schema } from './schema/index.ts';

export interface AppOptions {
  prisma: PrismaClient;
  logger: Logger;
  /** Serve GraphiQL on GET /graphql. @default true */
  graphiql?: boolean;
  /** Folder of the built widgets served under /widgets. @default packages/widgets/dist */
  widgetsDir?: string;
  /**
   * The origin of every absolute URL in answers (embed pages, snippets, oEmbed).
   * @default the default listening address, http://localhost:4000
   * @see publicOriginResolver
   */
  publicOrigin?: PublicOriginResolver;
  /** The response cache, shared with other instances through Redis (cache/shared-cache.ts). @default this instance's memory */
  cache?: SharedCache;
  /** Anonymous clients may run only the widgets' persisted documents (CHISO_PERSISTED_ONLY). @default false */
  persistedOnly?: boolean;
  /** Manifest of the widgets' persisted documents (hash -> document). @default <widgetsDir>/persisted-documents.json */
  persistedDocuments?: string;
  /** What one request may ask (docs/limits.md). @default the defaults of config.ts */
  limits?: Limits;
  /** Prometheus instruments (start.ts adds SQL and pool metrics to them). @default a new registry */
  metrics?: Metrics;
  /** Serve them at /metrics (METRICS), with a bearer token when given (METRICS_TOKEN). @default false */
  metricsEndpoint?: { token?: string } | false;
  /** REDIS_URL is set: /ready needs Redis. @default false */
  redis?: boolean;
  /** The embedded database's thread state, for /ready (db/embedded-thread.ts). @default always up */
  databaseState?: () => EmbeddedState;
  /** Requests per client (RATE_LIMIT…, plugins/use-rate-limit.ts). @default none: an app made in-process does not limit */
  rateLimit?: { limiters: RateLimiters; trustProxy: number };
}

const defaults = loadConfig({});
const defaultOrigin = publicOriginResolver(defaults, () => listeningOrigin(defaults.HOST, defaults.PORT));

/** The GraphQL application: a fetch handler usable in-process (tests) or behind node:http. */
export function createApp({
  prisma,
  logger,
  graphiql = true,
  widgetsDir = path.join(repoRoot, 'packages', 'widgets', 'dist'),
  publicOrigin = defaultOrigin,
  cache = createSharedCache({ logger }),
  persistedOnly = false,
  persistedDocuments = path.join(widgetsDir, 'persisted-documents.json'),
  limits = limitsOf(defaults),
  metrics = createMetrics(),
  metricsEndpoint = false,
  redis = false,
  databaseState,
  rateLimit,
}: AppOptions) {
  // Publishes through this database client (the importData mutation, imports run in this process) drop what they change.
  onPublished(prisma, async (publication) => {
    await cache.invalidate(entitiesOf(publication));
    if (publication.id) await cache.seen(publication.id);
  });
  const routeCache = useRouteCache({ cache, prisma, publicOrigin });
  // The embed routes render through the app itself (in-process fetch), so they see what clients see.
  let yoga: ReturnType<typeof createYoga<Record<string, unknown>, Context>> | undefined;
  const innerToken = randomUUID();
  const inProcessFetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set(INNER_HEADER, innerToken);
    return yoga!.fetch(input as URL, { ...init, headers });
  }) as typeof fetch;
  yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: graphiql ? { title: 'chiso GraphQL' } : false,
    renderGraphiQL,
    // Who may do what from where is useCrossOrigin's: yoga's CORS would reflect any origin with credentials.
    cors: false,
    landingPage: false,
    // yoga's own check answers an empty 200 to any URL that *ends* in its endpoint, before every plugin
    // (unlogged, and /embed/x/health too); /health and /ready are use-health.ts's. No URL ends in a NUL.
    healthCheckEndpoint: '\0',
    // Unexpected errors reach the client as "Unexpected error." with no stack, an unreachable database as
    // DATABASE_UNAVAILABLE (503); GraphQLErrors we throw keep their message (errors.ts).
    // The request log still gets the original error and its stack.
    maskedErrors: { maskError: (error, message, isDev) => rememberOriginal(maskGraphQLError(error, message, isDev), error) },
    logging: false,
    // Several operations in one request (a JSON array), at most `limits.batch`.
    batching: { limit: limits.batch },
    // The body limits are useLimits' (one for JSON, a larger one for uploads).
    maxRequestBodySize: false,
    context: (initial) => {
      let principal: Promise<Principal | null> | undefined;
      return {
        ...initial,
        queryLimits: limits.query,
        prisma,
        loaders: createLoaders(prisma),
        publicOrigin: publicOrigin(initial.request).origin,
        principal: () => (principal ??= authenticate(prisma, initial.request)),
      };
    },
    // Every plugin's hooks inside the error boundary: what a route throws becomes a clear answer and a log line.
    plugins: withErrorBoundary([
      useRequestLog(logger, { innerToken }),
      // Probes answer before any other route's work, with a request id.
      useHealth({ prisma, cache, redis, ...(databaseState ? { databaseState } : {}) }),
      ...(rateLimit ? [useRateLimit({ ...rateLimit, authenticate: (request) => authenticate(prisma, request) })] : []),
      useCrossOrigin(),
      useSecurityHeaders({ publicOrigin }),
      useGraphiQLAssets(),
      // Before every plugin that wraps the executor (time limit, response cache): they wrap the compiled one.
      useCompiledExecution(),
      useLimits(limits),
      useStaticFolder({ prefix: '/widgets', dir: widgetsDir, crossOrigin: true, hint: 'build it: pnpm --filter @chiso/widgets build' }),
      useStaticFolder({ prefix: '/examples', dir: path.join(repoRoot, 'examples') }),
      // The chart builder is an application of its own (packages/builder), served as built.
      useStaticFolder({ prefix: '/builder', dir: path.join(repoRoot, 'packages', 'builder', 'dist'), hint: 'build it: pnpm --filter @chiso/builder build' }),
      useStaticFolder({ prefix: '/publish', dir: path.join(repoRoot, 'packages', 'gateway', 'pages', 'publish') }),
      // What the builder and the publish page share: talking to the gateway, the publishing key.
      useStaticFolder({ prefix: '/shared', dir: path.join(repoRoot, 'packages', 'gateway', 'pages', 'shared') }),
      useImportTemplates(),
      // Before the response cache: a documentId becomes its document, so that the cache keys on it.
      usePersistedDocuments({ manifest: persistedDocuments, persistedOnly, authenticate: (request) => authenticate(prisma, request), schema, logger }),
      useResponseCache(cache, publicOrigin),
      routeCache.serve,
      useEmbeds({ prisma, fetch: inProcessFetch, publicOrigin }),
      routeCache.keep,
      // After every plugin that answers: cache policy and ETag/304 on the final headers, then compression.
      useHttpCache({ publicOrigin }),
      useCompression(),
      // Last: counts the final answers (status, x-cache) of every route, including those ended early.
      useMetrics(metrics, metricsEndpoint),
    ]),
  });
  return yoga;
}
