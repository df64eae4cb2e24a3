import { mapSvg } from '@chiso/charts/map/map-svg.ts';
import { formatNumber } from '@chiso/widgets/charts/format-number.ts';
import { drawMap, mapGeometry } from '@chiso/widgets/data/map-drawing.ts';
import type { WidgetData } from '@chiso/widgets/data/types.ts';
import { escapeXml, sourceLine, svgDocument } from './static-image.ts';

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
