import { palette } from '@chiso/charts/palette';
import type { ChartConfig } from './chart-config.ts';
import { elementMarkup, imageMarkup } from './embed-snippets.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface EmbedPageOptions {
  id: string;
  /** The gateway's public origin (configured, never the request's `Host`): every URL in the page starts with it. */
  origin: string;
  config: ChartConfig;
  /** A pinned version: its number and the instant whose data it shows. */
  pinned?: { version: number; asOf: Date };
  /** A live embed whose data was revised after the chart was saved. */
  revisedSince?: Date | null;
}

/**
 * The minimal page an iframe shows: the element, the chart's notes under it (as the images write
 * them; paragraphs on lines of their own), the revision note when it applies, and `frameScript`
 * (a file, so that the page's policy forbids inline script).
 */
export function embedPage({ id, origin, config, pinned, revisedSince }: EmbedPageOptions): string {
  const vi = config.lang === 'vi';
  const title = config.title ?? 'chiso';
  const url = `${origin}/embed/${id}${pinned ? `/v/${pinned.version}` : ''}`;
  const png = `${url}.png`;
  const note = revisedSince
    ? `<p class="revised" role="note">${vi ? 'Số liệu đã được cập nhật sau khi biểu đồ được xuất bản' : 'Data revised since publication'} (${revisedSince.toISOString().slice(0, 10)}).</p>`
    : '';
  const notes = (config.notes ?? '')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');
  const notesBlock = notes ? `\n<div class="notes" role="note">${notes}</div>` : '';
  const element = elementMarkup(config, { api: `${origin}/graphql`, 'as-of': pinned?.asOf.toISOString() });
  return `<!doctype html>
<html lang="${config.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="alternate" type="application/json+oembed" href="${esc(`${origin}/oembed?url=${encodeURIComponent(url)}&format=json`)}" title="${esc(title)}">
<meta property="og:title" content="${esc(title)}">
<meta property="og:image" content="${esc(png)}">
<script type="module" src="${origin}/widgets/chiso-widgets.js"></script>
<style>
  html, body { margin: 0; padding: 0; background: transparent; }
  .notes { margin: 0; padding: 4px 16px 12px; font: 14px/1.45 system-ui, sans-serif; color: ${palette[config.theme === 'dark' ? 'dark' : 'light'].text}; overflow-wrap: anywhere; }
  .notes p { margin: 0 0 4px; }
  .revised { margin: 0; padding: 6px 12px; font: 13px system-ui, sans-serif; background: #fff8c5; color: #3b2300; }
</style>
</head>
<body data-chiso-embed="${esc(id)}">
${note}${element}${notesBlock}
<noscript>${imageMarkup(png, title)}</noscript>
<script src="${origin}/embed/frame.js" defer></script>
</body>
</html>
`;
}

/**
 * /embed/frame.js, in every embed page: reports the page's height to the host page (Datawrapper's
 * message, ours, and AMP's embed-size), naming the chart by the body's `data-chiso-embed`.
 */
export const frameScript = `(function () {
  var id = document.body.getAttribute('data-chiso-embed'), last = 0;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (!height || height === last || window.parent === window) return;
    last = height;
    var sizes = {}; sizes[id] = height;
    window.parent.postMessage({ 'datawrapper-height': sizes }, '*');
    window.parent.postMessage({ 'chiso-embed': { id: id, height: height } }, '*');
    window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: height }, '*');
  }
  new ResizeObserver(report).observe(document.documentElement);
  window.addEventListener('load', report);
})();
`;
