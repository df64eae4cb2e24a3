import { createHash, randomUUID } from 'node:crypto';
import { useResponseCache as useYogaResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { dataTags } from '../cache/data-tags.ts';
import type { CacheEntity, SharedCache } from '../cache/shared-cache.ts';
import type { PublicOriginResolver } from '../http/public-origin.ts';

const MINUTE = 60_000;
/**
 * How long an answer is kept at most (ms). Publishes invalidate what they change at once; the TTL
 * only bounds what a change made outside chiso (SQL by hand) or a missed invalidation can cost.
 * The shortest TTL of the fields asked for applies.
 */
export const graphqlTtls = {
  /** Values, series, rankings, aggregates, charts. */
  default: 5 * MINUTE,
  perField: {
    // Reference data and the catalogue change rarely (regions by decree; the catalogue by an ADMIN import).
    'Query.regions': 60 * MINUTE,
    'Query.region': 60 * MINUTE,
    'Query.indicators': 60 * MINUTE,
    'Region.observations': 5 * MINUTE,
    'Indicator.series': 5 * MINUTE,
    'Indicator.timeSeries': 5 * MINUTE,
    'Indicator.ranking': 5 * MINUTE,
    // Never shared: who a key is, keys, the audit log.
    'Query.viewer': 0,
    'Query.apiKeys': 0,
    'Query.auditLog': 0,
  } as Record<string, number>,
};

/**
 * envelop's response cache in front of GraphQL execution, on the shared cache (Redis or memory).
 * A hit is answered before parsing. Requests with an `Authorization` header are neither answered
 * from nor stored in it: answers for a key are the key's (`viewer`), and writes invalidate
 * explicitly. Answers carry `x-cache: HIT`, `MISS` or `BYPASS`.
 */
export function useResponseCache(cache: SharedCache, publicOrigin: PublicOriginResolver): Plugin {
  const keyByContext = new WeakMap<object, string>();
  const tagsByKey = new Map<string, CacheEntity[]>();
  const hits = new WeakSet<Request>();
  const store: SharedCache = Object.assign(Object.create(cache) as SharedCache, {
    // envelop tags an answer with the entities it shows (Chart:<id>, Indicator:<id>…); ours add what it was computed from.
    set: (id: string, data: ExecutionResult, entities: Iterable<CacheEntity>, ttl: number) =>
      cache.set(id, data, [...entities, ...(tagsByKey.get(id) ?? [])], ttl),
    get: (id: string) => cache.get(id),
    invalidate: (entities: Iterable<CacheEntity>) => cache.invalidate(entities),
  });
  const shared = (request: Request) => !request.headers.has('authorization');
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useYogaResponseCache({
          cache: store,
          // Answers may hold absolute URLs (embed codes): one entry per public origin (one origin unless TRUST_PROXY).
          session: (request: Request) => publicOrigin(request).origin,
          enabled: shared,
          ttl: graphqlTtls.default,
          ttlPerSchemaCoordinate: graphqlTtls.perField,
          includeExtensionMetadata: false,
          buildResponseCacheKey: ({ documentString, variableValues, operationName, sessionId, context }) => {
            // Without a document text (a persisted document not resolved yet) no two requests may share an entry.
            const key = documentString
              ? createHash('sha256')
                  .update(`${sessionId ?? ''}|${operationName ?? ''}|${JSON.stringify(variableValues ?? {})}|${documentString}`)
                  .digest('base64url')
              : randomUUID();
            keyByContext.set(context as object, key);
            return key;
          },
        }),
      );
    },
    onExecute({ args }) {
      const key = keyByContext.get(args.contextValue as object);
      if (key && shared((args.contextValue as { request: Request }).request)) tagsByKey.set(key, dataTags(args.schema, args.document, args.variableValues));
      return {
        onExecuteDone() {
          // The store read its tags when envelop stored the answer (earlier in this hook chain).
          if (key) queueMicrotask(() => tagsByKey.delete(key));
        },
      };
    },
    onResultProcess({ request, result }) {
      for (const r of Array.isArray(result) ? result : [result]) {
        if ((r as Record<symbol, unknown>)[Symbol.for('servedFromResponseCache')]) hits.add(request);
        // The yoga wrapper sets ETag to the cache key, which stays the same when the answer changes:
        // ETags come from the body (the HTTP cache plugin), so these are dropped.
        const headers = (r as { extensions?: { http?: { headers?: Record<string, string> } } }).extensions?.http?.headers;
        if (headers) {
          delete headers.ETag;
          delete headers['Last-Modified'];
        }
      }
    },
    onResponse({ request, response }) {
      if (!new URL(request.url).pathname.startsWith('/graphql')) return;
      response.headers.set('x-cache', !shared(request) ? 'BYPASS' : hits.has(request) ? 'HIT' : 'MISS');
    },
  };
}
