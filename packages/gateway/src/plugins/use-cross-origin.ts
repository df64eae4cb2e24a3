import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { requireScope } from '../auth/principal.ts';

/**
 * Headers a browser sends only after a CORS preflight, so a request that carries one was let
 * through by the preflight: yoga's CSRF header, and `Authorization` (a key is never sent by a
 * browser on its own, unlike a cookie).
 */
const PREFLIGHTED_HEADERS = ['x-graphql-yoga-csrf', 'authorization'];
/** Response headers a page on another origin may read. */
const EXPOSED = ['etag', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'x-cache', 'x-request-id'];
/** How long a browser may keep a preflight's answer (Chromium keeps it 2 hours at most). */
const PREFLIGHT_MAX_AGE = 7200;

/**
 * Who may do what from where. Every origin may read, without credentials: `Access-Control-Allow-Origin: *`
 * and never `Allow-Credentials` (yoga's default CORS reflects the origin with credentials, which
 * lets any page act with a reader's cookies). Writing needs an API key (auth/principal.ts), which a
 * page on another origin can send only through a preflight and only if it holds the key.
 *
 * CSRF prevention (yoga's plugin) for every request that can change state: a POST must be
 * preflighted (JSON, or a header such as `x-graphql-yoga-csrf` or `Authorization`), so a form or
 * a `text/plain` post from another site is refused before it is parsed. A GET cannot change
 * state: yoga refuses mutations over GET (405).
 */
export function useCrossOrigin(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: PREFLIGHTED_HEADERS });
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'OPTIONS') return;
      const asked = request.headers.get('access-control-request-headers');
      endResponse(
        new fetchAPI.Response(null, {
          status: 204,
          headers: {
            'content-length': '0',
            'access-control-allow-methods': 'GET, HEAD, POST',
            ...(asked ? { 'access-control-allow-headers': asked } : {}),
            'access-control-max-age': String(PREFLIGHT_MAX_AGE),
            vary: 'Access-Control-Request-Headers',
          },
        }),
      );
    },
    onRequestParse(payload) {
      if (payload.request.method === 'GET' || payload.request.method === 'HEAD') return;
      try {
        return csrf.onRequestParse!(payload);
      } catch {
        // A file upload (importData) always needs a key: say that, as the mutation itself would.
        if (/^multipart\/form-data/i.test(payload.request.headers.get('content-type') ?? '')) requireScope(null, 'PUBLISH');
        throw createGraphQLError(
          `this POST could have been sent by any web page (a form or text/plain): send GraphQL as application/json, or add the header "x-graphql-yoga-csrf: 1" (a multipart upload with a key needs nothing more)`,
          { extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } } },
        );
      }
    },
    onResponse({ response }) {
      response.headers.set('access-control-allow-origin', '*');
      response.headers.delete('access-control-allow-credentials');
      response.headers.set('access-control-expose-headers', EXPOSED.join(', '));
    },
  };
}
