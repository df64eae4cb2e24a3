import { createHash } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { bodyTag } from '../http/cache-policy.ts';
import type { PublicOriginResolver } from '../http/public-origin.ts';
import type { SharedCache } from '../cache/shared-cache.ts';
import type { ChartConfig } from '../embed/chart-config.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { parseEmbedPath, type EmbedPath } from '../embed/embed-snippets.ts';

const MINUTE = 60_000;
/** How long an embed response is kept at most (ms); publishes and chart saves invalidate at once. */
export const routeTtls = {
  /** A live chart (page, SVG, PNG, CSV) and oEmbed. */
  live: 5 * MINUTE,
  /** A pinned version (`/embed/<id>/v/<n>…`): its configuration never changes; a publish of its indicators still invalidates it. */
  pinned: 24 * 60 * MINUTE,
};

/**
 * What is kept of a response: status, headers (its ETag included), and the bytes before any
 * compression, in base64 so that the Redis store (JSON) keeps them as they are.
 */
interface StoredResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/** Set per request by the server or by later plugins: never replayed from the cache. */
const NOT_STORED = new Set(['x-request-id', 'x-cache', 'date', 'set-cookie', 'content-encoding', 'content-length', 'vary']);
/** Set by the embed plugin after the response exists; restored as stored on a hit. */
const FRAMING = ['x-frame-options', 'content-security-policy'];

/**
 * The shared response cache in front of the embed routes (iframe page, SVG, PNG, CSV, oEmbed):
 * a hit is answered without a database query or a drawing. Keyed on the public origin and the path; entries are
 * tagged `Chart:<id>` and `IndicatorData:<slug>` for each indicator the chart shows, so that
 * saving the chart or publishing one of its indicators invalidates them (publication.ts).
 * Two plugins: `serve` goes before the embed plugin (answers hits), `keep` right after it (sees
 * the finished response, stores misses, puts a hit's framing headers back as stored).
 */
export function useRouteCache(options: { cache: SharedCache; prisma: PrismaClient; publicOrigin: PublicOriginResolver }): { serve: Plugin; keep: Plugin } {
  const { cache, prisma, publicOrigin } = options;
  const misses = new WeakMap<Request, Target & { key: string }>();
  const hits = new WeakMap<Request, StoredResponse>();
  // The memory store gives back the entry it holds: its body is decoded once, not on every hit.
  const decoded = new WeakMap<StoredResponse, Uint8Array<ArrayBuffer>>();
  return {
    serve: {
      async onRequest({ request, url, endResponse, fetchAPI }) {
        if (request.method !== 'GET' || request.headers.has('authorization')) return;
        const target = routeOf(url);
        if (!target) return;
        // The page names the public origin, never the Host header: key on that origin and the path, so
        // that neither a forged Host nor a second proxy origin shares or splits an entry wrongly.
        const key = `route:${createHash('sha256')
          .update(`${publicOrigin(request).origin}${url.pathname}${url.search}`)
          .digest('base64url')}`;
        const stored = (await cache.get(key)) as unknown as StoredResponse | null | undefined;
        if (stored) {
          hits.set(request, stored);
          let body = decoded.get(stored);
          if (!body) decoded.set(stored, (body = new Uint8Array(Buffer.from(stored.body, 'base64'))));
          // A copy of the headers: the Response takes the array it is given as its own and would write into the stored entry.
          const response = new fetchAPI.Response(body, { status: stored.status, headers: stored.headers.map(([k, v]): [string, string] => [k, v]) });
          response.headers.set('x-cache', 'HIT');
          return endResponse(response);
        }
        misses.set(request, { key, ...target });
      },
    },
    keep: {
      async onResponse({ request, response }) {
        const hit = hits.get(request);
        if (hit) {
          for (const name of FRAMING) response.headers.delete(name);
          for (const [name, value] of hit.headers) if (FRAMING.includes(name)) response.headers.set(name, value);
          return;
        }
        const miss = misses.get(request);
        if (!miss) return;
        response.headers.set('x-cache', 'MISS');
        if (response.status !== 200) return;
        const bytes = new Uint8Array(await response.clone().arrayBuffer());
        // Hashed once here rather than on every hit (use-http-cache.ts keeps a tag a route set).
        if (!response.headers.has('etag')) response.headers.set('etag', bodyTag(bytes));
        const headers = [...response.headers].filter(([name]) => !NOT_STORED.has(name));
        const stored: StoredResponse = {
          status: response.status,
          headers,
          body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
        };
        await cache.set(miss.key, stored as unknown as ExecutionResult, await tagsOf(miss), miss.version ? routeTtls.pinned : routeTtls.live);
      },
    },
  };

  async function tagsOf(target: Target) {
    const tags = [{ typename: 'Chart', id: target.chart }];
    if (target.oembed) return tags;
    const version = await prisma.savedChartVersion.findFirst({
      where: { chartId: target.chart, ...(target.version ? { number: target.version } : {}) },
      orderBy: { number: 'desc' },
      select: { config: true },
    });
    const indicators = (version?.config as ChartConfig | undefined)?.indicators ?? [];
    return [...tags, ...indicators.map((slug) => ({ typename: 'IndicatorData', id: slug }))];
  }
}

interface Target {
  chart: string;
  /** A pinned version's number; null for the live chart. */
  version: number | null;
  /** oEmbed shows the chart's title and codes, not its data: only the chart's own tag. */
  oembed: boolean;
}

/** The chart a cacheable embed URL is about: its routes (not the loader script), and oEmbed of a chart. */
function routeOf(url: URL): Target | null {
  if (url.pathname === '/oembed') {
    let route: EmbedPath | null = null;
    try {
      route = parseEmbedPath(new URL(url.searchParams.get('url') ?? '').pathname);
    } catch {
      return null;
    }
    return route ? { chart: route.id, version: null, oembed: true } : null;
  }
  const route = parseEmbedPath(url.pathname);
  if (!route) return null;
  return { chart: route.id, version: route.version ?? null, oembed: false };
}
