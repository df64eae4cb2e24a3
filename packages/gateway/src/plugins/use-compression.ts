import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
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
 *
 * The same answer is compressed once per coding: bodies are kept by their ETag (a hash of the
 * uncompressed body, use-http-cache.ts) and coding, so that a chart served from the response cache
 * to many readers is not compressed again for each (brotli cost a cached answer a quarter of its
 * throughput).
 */
export function useCompression(options: { keepBytes?: number } = {}): Plugin {
  const kept = new LRUCache<string, Uint8Array<ArrayBuffer>>({ maxSize: options.keepBytes ?? 32 * 1024 * 1024, sizeCalculation: (b) => b.byteLength || 1 });
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
      const tag = headers.get('etag');
      const key = compressed && tag ? `${tag}|${encoding}` : null;
      let out = key ? kept.get(key) : undefined;
      if (!out) {
        out = compressed ? await compress(body, encoding, 'each') : body;
        if (key) kept.set(key, out);
      }
      const next = new fetchAPI.Headers(headers);
      if (compressed) next.set('content-encoding', encoding);
      next.set('content-length', String(out.byteLength));
      setResponse(new fetchAPI.Response(out, { status: response.status, statusText: response.statusText, headers: next }));
    },
  };
}
