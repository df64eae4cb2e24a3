import type { Plugin } from 'graphql-yoga';
import { bodyTag, cacheControl, isFresh, storable } from '../http/cache-policy.ts';
import { appendVary, isStreamed } from '../http/encoding.ts';
import type { PublicOriginResolver } from '../http/public-origin.ts';

/**
 * What caches may do with each answer, and revalidation:
 * - GET queries (what the widgets send: a stable document and its variables in the URL) that
 *   succeed are `live`: fresh for a minute, then served stale while revalidating. They vary by
 *   `Accept` (the media type answered), `Authorization` (`viewer` answers per key) and, behind
 *   trusted proxies, the forwarded host (embed snippets hold absolute URLs).
 * - Any response to a request with `Authorization` is `private, no-store`; errors are `no-store`.
 * - A storable 200 to GET or HEAD gets a weak `ETag` (a hash of its uncompressed body, kept if a
 *   route set one), and `If-None-Match` with it is answered `304 Not Modified` without the body.
 *   Weak, because the gzip and br bodies of one answer carry the same tag.
 * Must run after the plugins that answer (so it sees their headers) and before compression.
 */
export function useHttpCache(options: { publicOrigin: PublicOriginResolver }): Plugin {
  const failed = new WeakSet<Request>();
  return {
    onExecutionResult({ result, context }) {
      const request = (context as { request?: Request }).request;
      const results = Array.isArray(result) ? result : [result];
      if (request && results.some((r) => (r as { errors?: unknown[] }).errors?.length)) failed.add(request);
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const headers = response.headers;
      if (request.method === 'GET' && isGraphqlQuery(request, response)) {
        appendVary(headers, 'Accept', 'Authorization', ...options.publicOrigin(request).vary);
        headers.set('cache-control', response.status === 200 && !failed.has(request) ? cacheControl.live : cacheControl.none);
      }
      if (response.status >= 400) headers.set('cache-control', cacheControl.none);
      if (request.headers.has('authorization') && storable(headers.get('cache-control'))) headers.set('cache-control', cacheControl.private);

      if ((request.method !== 'GET' && request.method !== 'HEAD') || response.status !== 200) return;
      if (!storable(headers.get('cache-control')) || isStreamed(headers.get('content-type'))) return;
      let current = response;
      if (!headers.has('etag')) {
        if (!response.body) return; // a HEAD without a tag from its route: nothing to hash
        const body = new Uint8Array(await response.arrayBuffer());
        headers.set('etag', bodyTag(body));
        current = new fetchAPI.Response(body, { status: response.status, statusText: response.statusText, headers });
        setResponse(current);
      }
      if (isFresh(request, headers.get('etag')!)) {
        await current.body?.cancel();
        const notModified = new fetchAPI.Headers(headers);
        for (const name of ['content-length', 'content-encoding', 'content-disposition']) notModified.delete(name);
        setResponse(new fetchAPI.Response(null, { status: 304, headers: notModified }));
      }
    },
  };
}

/** A GraphQL operation sent in the URL (a document, a persisted document's id, or an APQ hash), answered as JSON. */
function isGraphqlQuery(request: Request, response: Response): boolean {
  const url = new URL(request.url);
  if (url.pathname !== '/graphql') return false;
  if (!['query', 'documentId', 'extensions'].some((p) => url.searchParams.has(p))) return false;
  return /json/i.test(response.headers.get('content-type') ?? '');
}
