import type { PrismaClient } from '../generated/prisma/client.ts';
import { cacheControl } from '../http/cache-policy.ts';
import type { ChartConfig } from './chart-config.ts';
import { embedCodes, parseEmbedPath } from './embed-snippets.ts';

/** A saved chart's version: the given number, or the latest. */
export function findVersion(prisma: PrismaClient, id: string, number?: number) {
  return prisma.savedChartVersion.findFirst({ where: { chartId: id, ...(number ? { number } : {}) }, orderBy: { number: 'desc' } });
}

/**
 * The oEmbed answer (https://oembed.com, type `rich`) for `?url=` a chart's embed URL, live or
 * pinned, with URLs that start with the gateway's public `origin` whatever host the given URL names.
 */
export async function oembed(prisma: PrismaClient, url: URL, origin: string): Promise<{ body: string; status: number; headers: Record<string, string> }> {
  const json = { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' };
  const failed = (status: number, error: string) => ({ body: JSON.stringify({ error }), status, headers: json });
  const target = url.searchParams.get('url');
  const format = url.searchParams.get('format') ?? 'json';
  if (format !== 'json') return failed(501, 'only format=json is supported');
  let route;
  try {
    route = parseEmbedPath(new URL(target ?? '').pathname);
  } catch {
    return failed(400, 'give the url of a chart, e.g. /oembed?url=https://…/embed/<id>');
  }
  const version = route && !route.suffix ? await findVersion(prisma, route.id, route.version) : null;
  if (!route || !version) return failed(404, `no chart at ${target}`);
  const config = version.config as ChartConfig;
  const width = Math.min(640, Number(url.searchParams.get('maxwidth')) || 640);
  const height = 400;
  const codes = embedCodes(origin, route.id, version.number, config);
  const src = route.version ? codes.pinnedUrl : codes.url;
  const body = {
    version: '1.0',
    type: 'rich',
    provider_name: 'chiso',
    provider_url: origin,
    title: config.title ?? config.indicators.join(', '),
    width,
    height,
    html: `<iframe data-chiso-embed="${route.id}" src="${src}" title="${(config.title ?? 'chiso').replace(/"/g, '&quot;')}" style="width:100%;border:0" width="${width}" height="${height}" loading="lazy"></iframe><script src="${origin}/embed/loader.js" async></script>`,
    thumbnail_url: `${src}.png`,
    thumbnail_width: 1280,
  };
  return { body: JSON.stringify(body), status: 200, headers: { ...json, 'cache-control': route.version ? cacheControl.pinned : cacheControl.live } };
}
