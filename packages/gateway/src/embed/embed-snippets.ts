import type { ChartConfig } from './chart-config.ts';

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The width (CSS px) of the image sent to phones: larger type for a narrow screen (see `?width=`). */
export const PHONE_IMAGE_WIDTH = 400;

/**
 * A chart as an image, the wide drawing on a wide screen and the narrow one, with its larger type,
 * on a phone (`<picture>`: another layout, not only another resolution). `png` is the image's URL.
 */
export function imageMarkup(png: string, title: string): string {
  return `<picture><source media="(max-width: 480px)" srcset="${escapeAttr(png)}?width=${PHONE_IMAGE_WIDTH}"><img src="${escapeAttr(png)}" alt="${escapeAttr(title)}" style="max-width:100%"></picture>`;
}

/** The element tag and attributes that draw a configuration (also used by the embed page). */
export function elementMarkup(config: ChartConfig, extra: Record<string, string | undefined> = {}): string {
  const tag = `chiso-${config.element.toLowerCase()}`;
  const attrs: Record<string, string | null | undefined> = {
    indicator: config.indicators.join(','),
    region: config.regions.join(',') || undefined,
    period: config.period,
    from: config.from,
    to: config.to,
    at: config.at,
    type: config.type,
    lang: config.lang,
    theme: config.theme,
    heading: config.title,
    ...extra,
  };
  const text = Object.entries(attrs)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  return `<${tag}${text}></${tag}>`;
}

export interface EmbedCodes {
  url: string;
  pinnedUrl: string;
  script: string;
  iframe: string;
  image: string;
  png: string;
  svg: string;
  oembed: string;
  csv: string;
  fullCsv: string;
}

/** Every way to embed a saved chart, for a gateway reachable at `origin` (its configured public origin, never a request's `Host`). */
export function embedCodes(origin: string, id: string, version: number, config: ChartConfig): EmbedCodes {
  const url = `${origin}/embed/${id}`;
  const title = escapeAttr(config.title ?? 'chiso');
  return {
    url,
    pinnedUrl: `${url}/v/${version}`,
    script: `<script type="module" src="${origin}/widgets/chiso-widgets.js"></script>\n${elementMarkup(config, { api: `${origin}/graphql` })}`,
    iframe: `<iframe data-chiso-embed="${id}" src="${url}" title="${title}" style="width:100%;border:0" height="400" loading="lazy"></iframe>\n<script src="${origin}/embed/loader.js" async></script>`,
    image: imageMarkup(`${url}.png`, config.title ?? 'chiso'),
    png: `${url}.png`,
    svg: `${url}.svg`,
    oembed: `${origin}/oembed?url=${encodeURIComponent(url)}`,
    csv: `${url}.csv`,
    fullCsv: `${url}/full.csv`,
  };
}

/** The parts of an embed URL's path: `/embed/<id>[/v/<n>][.svg|.png|.csv|/full.csv]`. */
export interface EmbedPath {
  id: string;
  /** A pinned version's number; absent for the live chart. */
  version?: number;
  /** What is asked for; absent for the iframe page. */
  suffix?: '.svg' | '.png' | '.csv' | '/full.csv';
}

const EMBED_PATH = /^\/embed\/([A-Za-z0-9_-]{4,32})(?:\/v\/(\d{1,6}))?(\.svg|\.png|\.csv|\/full\.csv)?$/;

/** Reads a path that `embedCodes` writes, or null for any other path. */
export function parseEmbedPath(pathname: string): EmbedPath | null {
  const match = EMBED_PATH.exec(pathname);
  if (!match) return null;
  return { id: match[1]!, ...(match[2] ? { version: Number(match[2]) } : {}), ...(match[3] ? { suffix: match[3] as EmbedPath['suffix'] } : {}) };
}
