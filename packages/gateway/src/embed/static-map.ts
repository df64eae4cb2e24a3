import { hatchId, hatchPatterns } from '@chiso/charts/map/hatch.ts';
import type { Mark } from '@chiso/charts/scene.ts';
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
  const defs = hatchPatterns(scene.marks)
    .map((p) => `<pattern id="${p.id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${p.fill}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${p.line}" stroke-width="1.5"/></pattern>`)
    .join('');
  const body = `<desc>${escapeXml(scene.title)}</desc><defs>${defs}</defs>${marksSvg(scene.marks)}${sourceMark}`;
  return svgDocument(width, scene.height + (source ? 14 : 0), o.title ?? o.data.indicator.name, BACKGROUND[o.theme], body);
}

/** Scene marks as SVG text: the map's until the shared scene writer lands. */
function marksSvg(marks: Mark[]): string {
  return marks
    .map((m) => {
      const fill = (f: string | undefined, hatch?: boolean) => (hatch && f ? `url(#${hatchId(f)})` : (f ?? 'none'));
      switch (m.type) {
        case 'group':
          return `<g${m.dx || m.dy ? ` transform="translate(${m.dx ?? 0} ${m.dy ?? 0})"` : ''}>${marksSvg(m.marks)}</g>`;
        case 'path':
          return `<path d="${m.d}" fill="${fill(m.fill, m.hatch)}" stroke="${m.stroke ?? 'none'}" stroke-width="${m.strokeWidth ?? 1}"${m.dash ? ` stroke-dasharray="${m.dash}"` : ''}>${m.tip ? `<title>${escapeXml(m.tip)}</title>` : ''}</path>`;
        case 'rect':
          return `<rect x="${m.x}" y="${m.y}" width="${m.width}" height="${m.height}" fill="${fill(m.fill, m.hatch)}" stroke="${m.stroke ?? 'none'}"/>`;
        case 'line':
          return `<line x1="${m.x1}" y1="${m.y1}" x2="${m.x2}" y2="${m.y2}" stroke="${m.stroke}" stroke-width="${m.strokeWidth ?? 1}"/>`;
        case 'circle':
          return `<circle cx="${m.cx}" cy="${m.cy}" r="${m.r}" fill="${m.fill}" stroke="${m.stroke ?? 'none'}"/>`;
        case 'text':
          return `<text x="${m.x}" y="${m.y}" font-size="${m.size}" fill="${m.fill}"${m.weight === 'bold' ? ' font-weight="bold"' : ''}${m.anchor && m.anchor !== 'start' ? ` text-anchor="${m.anchor}"` : ''}>${escapeXml(m.text)}</text>`;
      }
    })
    .join('');
}
