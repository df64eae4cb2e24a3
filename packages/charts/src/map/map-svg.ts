import type { Mark, Scene } from '../scene.ts';
import { hatchId, hatchPatterns } from './hatch.ts';

/** Text and attribute values made safe for SVG markup (names come from data). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

/**
 * A map scene's marks as SVG markup, with the hatch patterns they use: what the element puts in its
 * `<svg>` and the gateway in its image, so the two cannot differ. A province (a path with a tip)
 * carries its code, its tip as `<title>` (images) or as an accessible name with a roving tabindex
 * (`focusable`: the element).
 * Private to the map until the shared scene writer of @chiso/charts lands.
 */
export function mapSvg(scene: Scene, o: { focusable: boolean }): string {
  const defs = hatchPatterns(scene.marks)
    .map((p) => `<pattern id="${p.id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${p.fill}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${p.line}" stroke-width="1.5"/></pattern>`)
    .join('');
  return `<defs>${defs}</defs>${marksSvg(scene.marks, o.focusable)}`;
}

function marksSvg(marks: Mark[], focusable: boolean): string {
  return marks.map((m) => markSvg(m, focusable)).join('');
}

function markSvg(m: Mark, focusable: boolean): string {
  const cls = m.className ? ` class="${m.className}"` : '';
  const fill = (f: string | undefined, hatch?: boolean) => (hatch && f ? `url(#${hatchId(f)})` : (f ?? 'none'));
  switch (m.type) {
    case 'group':
      return `<g${cls}${m.dx || m.dy ? ` transform="translate(${m.dx ?? 0} ${m.dy ?? 0})"` : ''}>${marksSvg(m.marks, focusable)}</g>`;
    case 'path': {
      const tip = m.tip ? escapeXml(m.tip) : '';
      const named = tip && focusable ? ` data-code="${escapeXml(m.key ?? '')}" role="img" aria-label="${tip}" tabindex="-1"` : tip ? ` data-code="${escapeXml(m.key ?? '')}"` : '';
      const title = tip && !focusable ? `<title>${tip}</title>` : '';
      return `<path${cls}${named} d="${m.d}" fill="${fill(m.fill, m.hatch)}" stroke="${m.stroke ?? 'none'}" stroke-width="${m.strokeWidth ?? 1}"${m.dash ? ` stroke-dasharray="${m.dash}"` : ''}>${title}</path>`;
    }
    case 'rect':
      return `<rect${cls} x="${m.x}" y="${m.y}" width="${m.width}" height="${m.height}"${m.rx ? ` rx="${m.rx}"` : ''} fill="${fill(m.fill, m.hatch)}" stroke="${m.stroke ?? 'none'}"/>`;
    case 'line':
      return `<line${cls} x1="${m.x1}" y1="${m.y1}" x2="${m.x2}" y2="${m.y2}" stroke="${m.stroke}" stroke-width="${m.strokeWidth ?? 1}"/>`;
    case 'circle':
      return `<circle${cls} cx="${m.cx}" cy="${m.cy}" r="${m.r}" fill="${m.fill}" stroke="${m.stroke ?? 'none'}"/>`;
    case 'text':
      return `<text${cls} x="${m.x}" y="${m.y}" font-size="${m.size}" fill="${m.fill}"${m.weight === 'bold' ? ' font-weight="bold"' : ''}${m.anchor && m.anchor !== 'start' ? ` text-anchor="${m.anchor}"` : ''}${m.baseline && m.baseline !== 'auto' ? ` dominant-baseline="${m.baseline}"` : ''}>${escapeXml(m.text)}</text>`;
  }
}
