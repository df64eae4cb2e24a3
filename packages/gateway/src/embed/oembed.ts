import type { PrismaClient } from '../generated/prisma/client.ts';
import { cacheControl } from '../http/cache-policy.ts';
import type { ChartConfig } from './chart-config.ts';
import { embedCodes, parseEmbedPath } from './embed-snippets.ts';

/** A saved chart's version: the given number, or the latest. */
export function findVersion(prisma: PrismaClient, id: string, number?: number) {
  return prisma.savedChartVersion.findFirst({ where: { chartId: id, ...(number ? { number } : {}) }, orderBy: { number: 'desc' } });
}

/** Escapes text for HTML text and quoted attribute values alike. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The largest size a consumer may ask for with maxwidth or maxheight, in CSS pixels. */
export const MAX_OEMBED_SIZE = 10_000;
const WIDTH = 640;
const HEIGHT = 400;

/** A maxwidth/maxheight parameter: absent, or a positive integer up to MAX_OEMBED_SIZE; else an Error saying so. */
function sizeParameter(url: URL, name: 'maxwidth' | 'maxheight'): number | undefined | Error {
  const value = url.searchParams.get(name);
  if (value === null) return undefined;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > MAX_OEMBED_SIZE) {
    return new Error(
      `${name} must be a whole number of pixels from 1 to ${MAX_OEMBED_SIZE}, e.g. ${name}=${name === 'maxwidth' ? WIDTH : HEIGHT} (got "${value.slice(0, 40)}")`,
    );
  }
  return Number(value);
}

/**
 * The oEmbed answer (https://oembed.com, type `rich`) for `?url=` a chart's embed URL, live or
 * pinned, on this gateway's public `origin` only: a URL of any other host is not ours to describe.
 * `maxwidth` and `maxheight` are honoured (the iframe is at most that large); everything written
 * into `html` is escaped.
 */
export async function oembed(prisma: PrismaClient, url: URL, origin: string): Promise<{ body: string; status: number; headers: Record<string, string> }> {
  const json = { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' };
  const failed = (status: number, error: string) => ({ body: JSON.stringify({ error }), status, headers: json });
  const target = url.searchParams.get('url');
  const format = url.searchParams.get('format') ?? 'json';
  if (format !== 'json') return failed(501, 'only format=json is supported');
  const example = `e.g. /oembed?url=${origin}/embed/<id>`;
  let asked: URL;
  try {
    asked = new URL(target ?? '');
  } catch {
    return failed(400, `give the url of a chart on this gateway, ${example}`);
  }
  const maxWidth = sizeParameter(url, 'maxwidth');
  const maxHeight = sizeParameter(url, 'maxheight');
  for (const problem of [maxWidth, maxHeight]) if (problem instanceof Error) return failed(400, problem.message);
  if (asked.origin !== origin) return failed(404, `${asked.origin} is not this gateway: oEmbed answers for charts at ${origin}/embed/<id> only`);
  const route = parseEmbedPath(asked.pathname);
  const version = route && !route.suffix ? await findVersion(prisma, route.id, route.version) : null;
  if (!route || !version) return failed(404, `no chart at ${asked.href}: give the url of a chart's embed page, ${example}`);
  const config = version.config as ChartConfig;
  const width = Math.min(WIDTH, (maxWidth as number | undefined) ?? WIDTH);
  const height = Math.min(HEIGHT, (maxHeight as number | undefined) ?? HEIGHT);
  const codes = embedCodes(origin, route.id, version.number, config);
  const src = route.version ? codes.pinnedUrl : codes.url;
  const title = config.title ?? config.indicators.join(', ');
  const body = {
    version: '1.0',
    type: 'rich',
    provider_name: 'chiso',
    provider_url: origin,
    title,
    width,
    height,
    html:
      `<iframe data-chiso-embed="${escapeHtml(route.id)}" src="${escapeHtml(src)}" title="${escapeHtml(title)}" ` +
      `style="width:100%;max-width:${width}px;${maxHeight ? `max-height:${height}px;` : ''}border:0" width="${width}" height="${height}" loading="lazy"></iframe>` +
      `<script src="${escapeHtml(`${origin}/embed/loader.js`)}" async></script>`,
    thumbnail_url: `${src}.png`,
    thumbnail_width: 1280,
  };
  return { body: JSON.stringify(body), status: 200, headers: { ...json, 'cache-control': route.version ? cacheControl.pinned : cacheControl.live } };
}
