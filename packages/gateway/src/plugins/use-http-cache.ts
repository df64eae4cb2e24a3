import type { Plugin } from 'graphql-yoga';

/**
 * GET queries (what the widgets send: a stable document and its variables in the URL) that
 * succeed may be cached by browsers and CDNs for a minute, and served stale while revalidating.
 * POSTs, answers with errors and requests that carry a key (`viewer` answers per key) are not
 * cacheable by shared caches.
 */
export function useHttpCache(options: { maxAge?: number; staleWhileRevalidate?: number } = {}): Plugin {
  const { maxAge = 60, staleWhileRevalidate = 600 } = options;
  const failed = new WeakSet<Request>();
  return {
    onExecutionResult({ result, context }) {
      const request = (context as { request?: Request }).request;
      const results = Array.isArray(result) ? result : [result];
      if (request && results.some((r) => (r as { errors?: unknown[] }).errors?.length)) failed.add(request);
    },
    onResponse({ request, response }) {
      if (request.method !== 'GET' || response.status !== 200 || failed.has(request)) return;
      if (!new URL(request.url).searchParams.has('query')) return;
      if (request.headers.has('authorization')) {
        response.headers.set('cache-control', 'private, no-store');
        return;
      }
      response.headers.set('cache-control', `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}`);
      response.headers.append('vary', 'accept');
    },
  };
}
