import type { Plugin } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { WidgetData } from '@chiso/widgets/data/types';
import type { ChartConfig } from '../embed/chart-config.ts';
import { chartData } from '../embed/chart-data.ts';
import { fullCsv, shownCsv } from '../embed/chart-csv.ts';
import { embedPage } from '../embed/embed-page.ts';
import { embedCodes } from '../embed/embed-snippets.ts';
import { loaderScript } from '../embed/loader-script.ts';
import { renderChartSvg, svgToPngAsync } from '../embed/static-image.ts';
import { renderKpiSvg } from '../embed/static-kpi.ts';
import { renderRankingSvg, renderShareSvg, renderTableSvg } from '../embed/static-parts.ts';

export const EMBED = /^\/embed\/([A-Za-z0-9_-]{4,32})(?:\/v\/(\d{1,6}))?(\.svg|\.png|\.csv|\/full\.csv)?$/;

/**
 * Every embed route of a saved chart: the iframe page (live, or pinned to a version and its data
 * vintage), static SVG and PNG drawn on the server by the widgets' own drawing code, the data as
 * CSV, oEmbed, and the host page's loader script. Only the iframe page may be framed by other
 * sites; every other response forbids framing.
 */
export function useEmbeds(options: { prisma: PrismaClient; fetch: typeof fetch }): Plugin {
  const { prisma } = options;
  const framable = new WeakSet<Request>();
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const respond = (body: BodyInit | null, status: number, headers: Record<string, string>) => endResponse(new fetchAPI.Response(body, { status, headers }));
      if (url.pathname === '/embed/loader.js') {
        return respond(loaderScript, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' });
      }
      if (url.pathname === '/oembed') return respond(...(await oembed(url)));
      const match = EMBED.exec(url.pathname);
      if (!match) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') return respond('method not allowed', 405, { allow: 'GET, HEAD' });
      const [, id, versionText, suffix] = match;
      const version = await prisma.savedChartVersion.findFirst({
        where: { chartId: id!, ...(versionText ? { number: Number(versionText) } : {}) },
        orderBy: { number: 'desc' },
      });
      if (!version) return respond(`no chart ${id}${versionText ? ` version ${versionText}` : ''}`, 404, { 'content-type': 'text/plain; charset=utf-8' });
      const config = version.config as ChartConfig;
      const pinned = versionText ? { version: version.number, asOf: version.createdAt } : undefined;
      const origin = url.origin;
      const headers = { 'cache-control': pinned ? 'public, max-age=86400' : 'public, max-age=60', 'access-control-allow-origin': '*' };

      if (!suffix) {
        framable.add(request);
        const revisedSince = pinned ? null : await revisedAfter(prisma, config, version.createdAt);
        return respond(embedPage({ id: id!, origin, config, pinned, revisedSince }), 200, {
          ...headers,
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': 'frame-ancestors *',
        });
      }
      if (suffix === '/full.csv') {
        return respond(await fullCsv(prisma, config, `${origin}/embed/${id}`), 200, { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="chiso-${id}-full.csv"` });
      }
      const data = await chartData(config, options.fetch, pinned?.asOf);
      if (suffix === '.csv') {
        return respond(shownCsv(data), 200, { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="chiso-${id}.csv"` });
      }
      const svg = await staticSvg(config, data);
      if (suffix === '.svg') return respond(svg, 200, { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' });
      return respond(new Uint8Array(await svgToPngAsync(svg)), 200, { ...headers, 'content-type': 'image/png' });
    },
    onResponse({ request, response }) {
      if (framable.has(request)) return;
      if (!response.headers.has('x-frame-options')) response.headers.set('x-frame-options', 'DENY');
      if (!response.headers.has('content-security-policy')) response.headers.set('content-security-policy', "frame-ancestors 'none'");
    },
  };

  async function oembed(url: URL): Promise<[string, number, Record<string, string>]> {
    const json = { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' };
    const target = url.searchParams.get('url');
    const format = url.searchParams.get('format') ?? 'json';
    if (format !== 'json') return [JSON.stringify({ error: 'only format=json is supported' }), 501, json];
    let path: string;
    try {
      path = new URL(target ?? '').pathname;
    } catch {
      return [JSON.stringify({ error: 'give the url of a chart, e.g. /oembed?url=https://…/embed/<id>' }), 400, json];
    }
    const match = EMBED.exec(path);
    const version = match && !match[3] ? await prisma.savedChartVersion.findFirst({ where: { chartId: match[1]!, ...(match[2] ? { number: Number(match[2]) } : {}) }, orderBy: { number: 'desc' } }) : null;
    if (!version) return [JSON.stringify({ error: `no chart at ${target}` }), 404, json];
    const config = version.config as ChartConfig;
    const maxWidth = Number(url.searchParams.get('maxwidth')) || 640;
    const width = Math.min(640, maxWidth);
    const height = 400;
    const codes = embedCodes(url.origin, match![1]!, version.number, config);
    const src = match![2] ? codes.pinnedUrl : codes.url;
    return [
      JSON.stringify({
        version: '1.0',
        type: 'rich',
        provider_name: 'chiso',
        provider_url: url.origin,
        title: config.title ?? config.indicators.join(', '),
        width,
        height,
        html: `<iframe data-chiso-embed="${match![1]}" src="${src}" title="${(config.title ?? 'chiso').replace(/"/g, '&quot;')}" style="width:100%;border:0" width="${width}" height="${height}" loading="lazy"></iframe><script src="${url.origin}/embed/loader.js" async></script>`,
        thumbnail_url: codes.png,
        thumbnail_width: 1280,
      }),
      200,
      json,
    ];
  }
}

/** The latest time a value the chart shows was recorded after `since`, or null. */
async function revisedAfter(prisma: PrismaClient, config: ChartConfig, since: Date): Promise<Date | null> {
  const latest = await prisma.observation.aggregate({
    _max: { recordedAt: true },
    where: {
      recordedAt: { gt: since },
      indicator: { slug: { in: config.indicators } },
      ...(config.regions.length ? { region: { code: { in: config.regions } } } : {}),
    },
  });
  return latest._max.recordedAt;
}

/** Each element's own picture; charts (and anything without data) through the shared chart drawing. */
async function staticSvg(config: ChartConfig, data: WidgetData | null): Promise<string> {
  const look = { lang: config.lang, theme: config.theme === 'dark' ? ('dark' as const) : ('light' as const), title: config.title ?? undefined };
  if (data) {
    switch (config.element) {
      case 'KPI':
        return renderKpiSvg({ ...look, data, period: config.period });
      case 'SHARE':
        return renderShareSvg({ ...look, data });
      case 'RANKING':
        return renderRankingSvg({ ...look, data, highlight: config.regions[0] });
      case 'TABLE':
        return renderTableSvg({ ...look, data });
    }
  }
  return renderChartSvg({ ...look, data: data ?? emptyData(config), type: config.element === 'CHART' ? ((config.type as 'line' | null) ?? 'line') : 'column' });
}

function emptyData(config: ChartConfig): WidgetData {
  return {
    indicator: { slug: config.indicators[0]!, name: config.title ?? config.indicators[0]!, displayUnit: '', direction: 'NEUTRAL' as const, format: { unit: { code: '', symbol: null, nameVi: '', nameEn: '' }, scaleExponent: 0, decimals: 0 } },
    series: [],
    sources: [],
  };
}
