import { resolvePaint, type ThemeName } from './paint.ts';
import type { Mark, Scene } from './scene.ts';

/** The images' faces: DejaVu Sans (Debian's default sans-serif, every Vietnamese letter), then Arial's. */
export const IMAGE_FONTS = 'DejaVu Sans, Arial, Liberation Sans, sans-serif';

/** Text and attribute values escaped for XML: the five characters that can end a text or a value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Coordinates to a tenth of a pixel: the same numbers in the element and the image, and short files. */
export const round = (n: number): number => Math.round(n * 10) / 10;

/** The id of the hatch pattern of a colour (a token or a colour written out). */
export const hatchId = (colour: string): string => `hatch-${colour.replace(/[^\w-]/g, '')}`;

/** Every colour drawn hatched in a scene, once each, in the order met. */
export function hatchColours(marks: readonly Mark[], found = new Set<string>()): Set<string> {
  for (const m of marks) {
    if (m.type === 'group') hatchColours(m.marks, found);
    else if ((m.type === 'rect' || m.type === 'path') && m.hatch && m.fill) found.add(m.fill);
  }
  return found;
}

/**
 * A scene as a standalone SVG document for the gateway's images: colours of the theme written
 * out, hatch patterns in <defs>, the images' fonts, title and description for screen readers,
 * a background, and every text escaped. resvg and any image viewer draw it without CSS.
 * @param scene the drawing
 * @param options.theme the palette's theme the tokens stand for
 * @param options.lang the document's language (xml:lang)
 */
export function sceneToSvg(scene: Scene, options: { theme: ThemeName; lang?: string }): string {
  const paint = (c: string) => resolvePaint(c, options.theme);
  const background = paint('background');
  const defs = [...hatchColours(scene.marks)].map(
    (c) =>
      `<pattern id="${hatchId(c)}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      `<rect width="6" height="6" fill="${paint(c)}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${background}" stroke-width="2"/></pattern>`,
  );
  const { width, height } = scene;
  const lang = options.lang ? ` xml:lang="${options.lang}"` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"${lang} font-family="${IMAGE_FONTS}">
<title>${escapeXml(scene.title)}</title>${scene.description ? `<desc>${escapeXml(scene.description)}</desc>` : ''}
${defs.length ? `<defs>${defs.join('')}</defs>\n` : ''}<rect class="background" width="${width}" height="${height}" fill="${background}"/>
${scene.marks.map((m) => marksToSvg([m], options.theme)).join('\n')}
</svg>
`;
}

/** Marks as SVG elements, in a theme's colours; hatched fills refer to the patterns sceneToSvg defines. */
export function marksToSvg(marks: readonly Mark[], theme: ThemeName): string {
  const paint = (c: string) => resolvePaint(c, theme);
  const background = paint('background');
  const fill = (m: { fill?: string; hatch?: boolean }) => (m.fill === undefined ? 'none' : m.hatch ? `url(#${hatchId(m.fill)})` : paint(m.fill));
  const cls = (m: Mark) => (m.className ? ` class="${escapeXml(m.className)}"` : '');
  const stroke = (m: { stroke?: string; strokeWidth?: number; dash?: string }) =>
    m.stroke
      ? ` stroke="${paint(m.stroke)}"${m.strokeWidth !== undefined ? ` stroke-width="${m.strokeWidth}"` : ''}${m.dash ? ` stroke-dasharray="${m.dash}"` : ''}`
      : '';
  const opacity = (m: { opacity?: number }) => (m.opacity !== undefined ? ` fill-opacity="${m.opacity}"` : '');
  // A mark's tip is its <title>: what a viewer of the SVG sees on hover, as the element's reader does.
  const end = (tag: string, m: Mark) => (m.tip ? `><title>${escapeXml(m.tip)}</title></${tag}>` : '/>');
  const draw = (m: Mark): string => {
    switch (m.type) {
      case 'rect':
        return (
          `<rect${cls(m)} x="${round(m.x)}" y="${round(m.y)}" width="${round(m.width)}" height="${round(m.height)}"` +
          `${m.rx ? ` rx="${m.rx}"` : ''} fill="${fill(m)}"${opacity(m)}${stroke(m)}${end('rect', m)}`
        );
      case 'path':
        return `<path${cls(m)} d="${m.d}" fill="${fill(m)}"${opacity(m)}${stroke(m)}${end('path', m)}`;
      case 'line':
        return `<line${cls(m)} x1="${round(m.x1)}" y1="${round(m.y1)}" x2="${round(m.x2)}" y2="${round(m.y2)}"${stroke(m)}${end('line', m)}`;
      case 'circle':
        return `<circle${cls(m)} cx="${round(m.cx)}" cy="${round(m.cy)}" r="${m.r}" fill="${paint(m.fill)}"${stroke(m)}${end('circle', m)}`;
      case 'text': {
        const halo = m.halo ? ` stroke="${background}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"` : '';
        const baseline = m.baseline && m.baseline !== 'auto' ? ` dominant-baseline="${m.baseline}"` : '';
        return (
          `<text${cls(m)} x="${round(m.x)}" y="${round(m.y)}" font-size="${m.size}"${m.weight === 'bold' ? ' font-weight="bold"' : ''} fill="${paint(m.fill)}"` +
          `${m.anchor && m.anchor !== 'start' ? ` text-anchor="${m.anchor}"` : ''}${baseline}${halo}>${escapeXml(m.text)}</text>`
        );
      }
      case 'group':
        return (
          `<g${cls(m)}${m.dx || m.dy ? ` transform="translate(${round(m.dx ?? 0)},${round(m.dy ?? 0)})"` : ''}>` +
          `${m.tip ? `<title>${escapeXml(m.tip)}</title>` : ''}${m.marks.map(draw).join('')}</g>`
        );
    }
  };
  return marks.map(draw).join('');
}
