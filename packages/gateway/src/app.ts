import path from 'node:path';
import { createYoga, maskError } from 'graphql-yoga';
import type { Logger } from 'pino';
import { authenticate, type Principal } from './auth/principal.ts';
import { entitiesOf, onPublished } from './cache/publication.ts';
import { createSharedCache, type SharedCache } from './cache/shared-cache.ts';
import { loadConfig, repoRoot } from './config.ts';
import type { Context } from './context.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { listeningOrigin, publicOriginResolver, type PublicOriginResolver } from './http/public-origin.ts';
import { createLoaders } from './loaders.ts';
import { useCompression } from './plugins/use-compression.ts';
import { useCrossOrigin } from './plugins/use-cross-origin.ts';
import { useEmbeds } from './plugins/use-embeds.ts';
import { renderGraphiQL, useGraphiQLAssets } from './plugins/use-graphiql-assets.ts';
import { useHttpCache } from './plugins/use-http-cache.ts';
import { useImportTemplates } from './plugins/use-import-templates.ts';
import { usePersistedDocuments } from './plugins/use-persisted-documents.ts';
import { rememberOriginal, useRequestLog } from './plugins/use-request-log.ts';
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
  /** Requests per client (RATE_LIMIT…, plugins/use-rate-limit.ts). @default none: an app made in-process does not limit */
  rateLimit?: { limiters: RateLimiters; trustProxy: number };
}

const defaults = loadConfig({});
const defaultOrigin = publicOriginResolver(defaults, () => listeningOrigin(defaults.HOST, defaults.PORT));

/** The GraphQL application: a fetch handler usable in-process (tests) or behind node:http. */
export function createApp({ prisma, logger, graphiql = true, widgetsDir = path.join(repoRoot, 'packages', 'widgets', 'dist'), publicOrigin = defaultOrigin, cache = createSharedCache({ logger }), persistedOnly = false, persistedDocuments = path.join(widgetsDir, 'persisted-documents.json'), rateLimit }: AppOptions) {
  // Publishes through this database client (the importData mutation, imports run in this process) drop what they change.
  onPublished(prisma, async (publication) => void (await cache.invalidate(entitiesOf(publication))));
  const routeCache = useRouteCache({ cache, prisma, publicOrigin });
  // The embed routes render through the app itself (in-process fetch), so they see what clients see.
  let yoga: ReturnType<typeof createYoga<Record<string, unknown>, Context>> | undefined;
  const inProcessFetch = ((input: RequestInfo | URL, init?: RequestInit) => yoga!.fetch(input as URL, init ?? {})) as typeof fetch;
  yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: graphiql ? { title: 'chiso GraphQL' } : false,
    renderGraphiQL,
    // Who may do what from where is useCrossOrigin's: yoga's CORS would reflect any origin with credentials.
    cors: false,
    landingPage: false,
    // Unexpected errors reach the client as "Unexpected error." with no stack; GraphQLErrors we throw keep their message.
    // The request log still gets the original error and its stack.
    maskedErrors: { maskError: (error, message, isDev) => rememberOriginal(maskError(error, message, isDev), error) },
    logging: false,
    context: (initial) => {
      let principal: Promise<Principal | null> | undefined;
      return { ...initial, prisma, loaders: createLoaders(prisma), publicOrigin: publicOrigin(initial.request).origin, principal: () => (principal ??= authenticate(prisma, initial.request)) };
    },
    plugins: [
      useRequestLog(logger),
      ...(rateLimit ? [useRateLimit({ ...rateLimit, authenticate: (request) => authenticate(prisma, request) })] : []),
      useCrossOrigin(),
      useSecurityHeaders({ publicOrigin }),
      useGraphiQLAssets(),
      useStaticFolder({ prefix: '/widgets', dir: widgetsDir, crossOrigin: true, hint: 'build it: pnpm --filter @chiso/widgets build' }),
      useStaticFolder({ prefix: '/examples', dir: path.join(repoRoot, 'examples') }),
      useStaticFolder({ prefix: '/builder', dir: path.join(repoRoot, 'packages', 'gateway', 'pages', 'builder') }),
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
    ],
  });
  return yoga;
}
