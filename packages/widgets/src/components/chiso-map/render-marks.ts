import type { Mark } from '@chiso/charts/scene.ts';
import { hatchId } from '@chiso/charts/map/hatch.ts';
import { svg, type SVGTemplateResult } from 'lit';

/**
 * Scene marks as Lit SVG templates, for the map until the shared scene renderer lands; focusable
 * marks (a `tip`) get a role, a name and a roving tabindex.
 */
export function renderMarks(marks: Mark[], o: { focused: string | null }): SVGTemplateResult[] {
  return marks.map((m) => {
    switch (m.type) {
      case 'group':
        return svg`<g class=${m.className ?? ''} transform=${m.dx || m.dy ? `translate(${m.dx ?? 0} ${m.dy ?? 0})` : ''}>${renderMarks(m.marks, o)}</g>`;
      case 'path':
        return m.tip
          ? svg`<path class=${m.className ?? ''} data-code=${m.key ?? ''} d=${m.d} fill=${m.hatch && m.fill ? `url(#${hatchId(m.fill)})` : (m.fill ?? 'none')} stroke=${m.stroke ?? 'none'} stroke-width=${m.strokeWidth ?? 1}
              role="img" aria-label=${m.tip} tabindex=${m.key === o.focused ? 0 : -1}></path>`
          : svg`<path class=${m.className ?? ''} d=${m.d} fill=${m.hatch && m.fill ? `url(#${hatchId(m.fill)})` : (m.fill ?? 'none')} stroke=${m.stroke ?? 'none'} stroke-width=${m.strokeWidth ?? 1} stroke-dasharray=${m.dash ?? 'none'}></path>`;
      case 'rect':
        return svg`<rect class=${m.className ?? ''} x=${m.x} y=${m.y} width=${m.width} height=${m.height} rx=${m.rx ?? 0} fill=${m.hatch ? `url(#${hatchId(m.fill)})` : m.fill} stroke=${m.stroke ?? 'none'}></rect>`;
      case 'line':
        return svg`<line class=${m.className ?? ''} x1=${m.x1} y1=${m.y1} x2=${m.x2} y2=${m.y2} stroke=${m.stroke} stroke-width=${m.strokeWidth ?? 1}></line>`;
      case 'circle':
        return svg`<circle class=${m.className ?? ''} cx=${m.cx} cy=${m.cy} r=${m.r} fill=${m.fill} stroke=${m.stroke ?? 'none'}></circle>`;
      case 'text':
        return svg`<text class=${m.className ?? ''} x=${m.x} y=${m.y} font-size=${m.size} font-weight=${m.weight ?? 'normal'} fill=${m.fill} text-anchor=${m.anchor ?? 'start'} dominant-baseline=${m.baseline ?? 'auto'}>${m.text}</text>`;
    }
  });
}
