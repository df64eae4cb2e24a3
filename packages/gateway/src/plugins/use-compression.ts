import type { Plugin } from 'graphql-yoga';
import { appendVary, compress, isCompressible, negotiateEncoding, shouldCompress } from '../http/encoding.ts';

/**
 * Compresses answers (GraphQL JSON, embed HTML, SVG, CSV, oEmbed) with br or gzip, whichever the
 * client's `Accept-Encoding` prefers, and says `Vary: Accept-Encoding` on every compressible
 * answer, compressed or not, so a shared cache keeps one copy per coding. Answers that already
 * have a coding (static files, compressed once and kept) and streamed answers are left alone.
 *
 * Not `useContentEncoding` from @whatwg-node/server: it takes the first token of
 * `Accept-Encoding` as written (no quality values, no spaces: `gzip, deflate, br` gets gzip and
 * `br;q=1, gzip` nothing), compresses every type (PNG included) and size, and sets no `Vary`.
 * Must run last: after the answer and its ETag are final.
 */
export function useCompression(): Plugin {
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const headers = response.headers;
      const type = headers.get('content-type');
      if (!isCompressible(type) || headers.has('content-encoding')) return;
      appendVary(headers, 'Accept-Encoding');
      if (!response.body || request.method === 'HEAD' || /\bno-transform\b/i.test(headers.get('cache-control') ?? '')) return;
      const encoding = negotiateEncoding(request);
      if (!encoding) return;
      const declared = headers.get('content-length');
      if (declared !== null && !shouldCompress(encoding, Number(declared), type)) return;
      const body = new Uint8Array(await response.arrayBuffer());
      const compressed = shouldCompress(encoding, body.byteLength, type);
      const out = compressed ? await compress(body, encoding, 'each') : body;
      const next = new fetchAPI.Headers(headers);
      if (compressed) next.set('content-encoding', encoding);
      next.set('content-length', String(out.byteLength));
      setResponse(new fetchAPI.Response(out, { status: response.status, statusText: response.statusText, headers: next }));
    },
  };
}
