import etag from 'etag';
import type { Plugin } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { WidgetData } from '@chiso/charts/widget-data';
import type { ChartConfig } from '../embed/chart-config.ts';
import { chartData } from '../embed/chart-data.ts';
import { routeError } from '../errors.ts';
import { observationFilter } from '../db/observation-filter.ts';
import { fullCsv, shownCsv } from '../embed/chart-csv.ts';
import { embedPage, frameScript } from '../embed/embed-page.ts';
import { cacheControl, isFresh } from '../http/cache-policy.ts';
import type { PublicOriginResolver } from '../http/public-origin.ts';
import { parseEmbedPath } from '../embed/embed-snippets.ts';
import { loaderScript } from '../embed/loader-script.ts';
import { findVersion, oembed } from '../embed/oembed.ts';
import { IMAGE_WIDTH, mapBoundaries, renderImageSvg, svgToPngAsync } from '../embed/static-image.ts';

const contentTypes: Record<string, string> = {
  '': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '/full.csv': 'text/csv; charset=utf-8',
};

/**
 * Every embed route of a saved chart: the iframe page (live, or pinned to a version and its data
 * vintage), static SVG and PNG drawn on the server by the widgets' own drawing code, the data as
 * CSV, oEmbed, the host page's loader script and the iframe page's own script. Only the iframe
 * page may be framed by other sites (use-security-headers.ts). A pinned version's answers never change
 * (`immutable`); a live chart's are fresh for a minute. Absolute URLs start with the configured
 * public origin, never with the request's `Host`.
 */
export function useEmbeds(options: { prisma: PrismaClient; fetch: typeof fetch; publicOrigin: PublicOriginResolver }): Plugin {
  const { prisma } = options;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/oembed' && !url.pathname.startsWith('/embed/')) return;
      const respond = (body: BodyInit | null, status: number, headers: Record<string, string>) => endResponse(new fetchAPI.Response(body, { status, headers }));
      if (url.pathname === '/embed/loader.js' || url.pathname === '/embed/frame.js') {
        const script = url.pathname === '/embed/loader.js' ? loaderScript : frameScript;
        return respond(script, 200, {
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': cacheControl.static,
          'access-control-allow-origin': '*',
        });
      }
      const { origin, vary } = options.publicOrigin(request);
      // Answers that hold absolute URLs depend on the forwarded host when it is trusted.
      const byOrigin: Record<string, string> = vary.length ? { vary: vary.join(', ') } : {};
      if (url.pathname === '/oembed') {
        const answer = await oembed(prisma, url, origin);
        return respond(answer.body, answer.status, { ...answer.headers, ...byOrigin });
      }
      const route = parseEmbedPath(url.pathname);
      if (!route) return;
      if (request.method !== 'GET' && request.method !== 'HEAD')
        throw routeError('METHOD_NOT_ALLOWED', 405, `${request.method} is not served here: embeds answer GET and HEAD`, { allow: 'GET, HEAD' });
      const { id, version: versionNumber, suffix } = route;
      const version = await findVersion(prisma, id, versionNumber);
      if (!version) throw routeError('NOT_FOUND', 404, `There is no chart ${id}${versionNumber ? ` version ${versionNumber}` : ''}: check the address.`);
      const config = version.config as ChartConfig;
      const pinned = versionNumber ? { version: version.number, asOf: version.createdAt } : undefined;
      const csv = suffix === '.csv' || suffix === '/full.csv';
      const headers: Record<string, string> = {
        'cache-control': pinned ? cacheControl.pinned : cacheControl.live,
        'access-control-allow-origin': '*',
        'content-type': contentTypes[suffix ?? '']!,
        ...(!suffix || suffix === '/full.csv' ? byOrigin : {}),
      };
      if (pinned && !request.headers.has('authorization')) {
        // A pinned answer is fixed by its URL (with ?width=), its origin and the version's instant: revalidated without drawing it again.
        headers.etag = etag(`${origin} ${url.pathname}${url.search} ${version.createdAt.toISOString()}`, { weak: true });
        if (isFresh(request, headers.etag)) return respond(null, 304, headers);
      }
      if (csv) headers['content-disposition'] = `attachment; filename="chiso-${id}${suffix === '/full.csv' ? '-full' : ''}.csv"`;

      if (!suffix) {
        const revisedSince = pinned ? null : await revisedAfter(prisma, config, version.createdAt);
        return respond(embedPage({ id: id!, origin, config, pinned, revisedSince }), 200, headers);
      }
      if (suffix === '/full.csv') return respond(await fullCsv(prisma, config, `${origin}/embed/${id}`), 200, headers);
      const data = await chartData(config, options.fetch, pinned?.asOf);
      if (suffix === '.csv') return respond(shownCsv(data), 200, headers);
      const width = imageWidth(url);
      if (typeof width === 'string') throw routeError('BAD_USER_INPUT', 400, width);
      const svg = await staticSvg(config, data, width);
      if (suffix === '.svg') return respond(svg, 200, headers);
      return respond(new Uint8Array(await svgToPngAsync(svg)), 200, headers);
    },
  };
}

/** The latest time a value the chart shows was recorded after `since`, or null. */
async function revisedAfter(prisma: PrismaClient, config: ChartConfig, since: Date): Promise<Date | null> {
  const latest = await prisma.observation.aggregate({
    _max: { recordedAt: true },
    where: {
      recordedAt: { gt: since },
      ...(await observationFilter(prisma, { indicators: config.indicators, regions: config.regions })),
    },
  });
  return latest._max.recordedAt;
}

/**
 * `?width=` of an image: a narrow image for phones (e.g. 400, with larger type), a wide one for a
 * desktop column; without it 640. A width that is not a whole number in range is an error that
 * says what to write.
 */
function imageWidth(url: URL): number | undefined | string {
  const asked = url.searchParams.get('width');
  if (asked === null) return undefined;
  const width = Number(asked);
  if (!/^\d+$/.test(asked) || width < IMAGE_WIDTH.min || width > IMAGE_WIDTH.max)
    return `width=${asked} is not an image width: write a whole number of pixels from ${IMAGE_WIDTH.min} to ${IMAGE_WIDTH.max}, e.g. width=400 for a phone`;
  return width;
}

/**
 * Each element's own drawing, framed with the chart's title and notes; anything without data is
 * drawn as an empty chart. A map loads its boundaries first.
 */
async function staticSvg(config: ChartConfig, data: WidgetData | null, width: number | undefined): Promise<string> {
  const topology = config.element === 'MAP' && data?.map ? await mapBoundaries(data) : undefined;
  const element = data && (config.element !== 'MAP' || topology) ? (config.element.toLowerCase() as 'chart') : 'chart';
  return renderImageSvg({
    element,
    data: data ?? emptyData(config),
    type: config.type,
    lang: config.lang,
    theme: config.theme === 'dark' ? 'dark' : 'light',
    width,
    title: config.title,
    notes: config.notes,
    highlight: config.regions[0],
    period: config.period,
    topology,
  });
}

function emptyData(config: ChartConfig): WidgetData {
  return {
    indicator: {
      slug: config.indicators[0]!,
      name: config.title ?? config.indicators[0]!,
      displayUnit: '',
      direction: 'NEUTRAL' as const,
      format: { unit: { code: '', symbol: null, nameVi: '', nameEn: '' }, scaleExponent: 0, decimals: 0 },
    },
    series: [],
    sources: [],
  };
}
