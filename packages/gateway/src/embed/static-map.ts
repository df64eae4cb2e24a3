import { mapSvg } from '@chiso/charts/map/map-svg.ts';
import { formatNumber } from '@chiso/charts/format-number.ts';
import { sourceLine } from '@chiso/charts/frame-texts.ts';
import { escapeXml, IMAGE_FONTS } from '@chiso/charts/scene-to-svg.ts';
import { drawMap, mapGeometry } from '@chiso/widgets/data/map-drawing.ts';
import type { WidgetData } from '@chiso/charts/widget-data.ts';

export interface StaticMapOptions {
  data: WidgetData;
  lang: 'vi' | 'en';
  theme: 'light' | 'dark';
  title?: string;
  /** The saved chart's region, outlined. */
  highlight?: string | null;
  width?: number;
}

const BACKGROUND = { light: '#ffffff', dark: '#16181d' };

/**
 * A map image: the scene `<chiso-map>` draws for the same data and width (drawMap), its title,
 * period and source written in, as one SVG document (PNG: through svgToPng like every image).
 */
export async function renderMapSvg(o: StaticMapOptions): Promise<string> {
  const width = Math.max(280, Math.round(o.width ?? 640));
  const topology = await mapGeometry(o.data);
  const period = o.data.series[0]?.points[0]?.period.label ?? '';
  const { scene } = drawMap(o.data, topology, width, {
    lang: o.lang,
    theme: o.theme,
    highlight: o.highlight,
    title: o.title ?? o.data.indicator.name,
    subtitle: [period, o.data.indicator.displayUnit].filter(Boolean).join(' · '),
    formatNumber,
  });
  const source = sourceLine(o.data, o.lang);
  const muted = o.theme === 'dark' ? '#b8b8b8' : '#555555';
  const sourceMark = source ? `<text x="8" y="${scene.height + 4}" font-size="11" fill="${muted}">${escapeXml(source)}</text>` : '';
  const body = `<desc>${escapeXml(scene.title)}</desc>${mapSvg(scene, { focusable: false })}${sourceMark}`;
  return svgDocument(width, scene.height + (source ? 14 : 0), o.title ?? o.data.indicator.name, BACKGROUND[o.theme], body);
}

function svgDocument(width: number, height: number, title: string, background: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${IMAGE_FONTS}"><title>${escapeXml(title)}</title><rect width="100%" height="100%" fill="${background}"/>${body}</svg>`;
}
