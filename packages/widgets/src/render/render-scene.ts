import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { isToken } from '@chiso/charts/paint';
import type { Mark, Scene } from '@chiso/charts/scene';
import { hatchColours, hatchId, round } from '@chiso/charts/scene-to-svg';

export interface RenderSceneOptions {
  /** The key of the mark under the keyboard or pointer: drawn with an outline (class "active"). */
  active?: string | null;
  /** Called when the pointer enters a mark that has a tip. */
  onEnter?: (key: string) => void;
  /** CSS parts the element offers, by the class name of the mark that carries each (`{ value: 'value' }`). */
  parts?: Record<string, string>;
  /**
   * Marks the keyboard reaches one by one (a map's provinces): when set, every keyed path with a
   * tip is focusable, named by its tip and found by `data-key`, and the mark with this key is the
   * one Tab reaches (a roving tabindex; null: none yet). The drawing is then a group, not one image.
   * Unset: no mark is focusable.
   */
  tabStop?: string | null;
}

/** A theme token as the element's custom property (so a page can restyle it); any other colour as written. */
const paint = (colour: string | undefined) => (colour === undefined ? 'none' : isToken(colour) ? `var(--chiso-${colour})` : colour);

/**
 * A scene as Lit SVG templates: the element's side of the one drawing that the gateway turns into
 * images with sceneToSvg. The same marks, coordinates and texts; colours are the element's
 * `--chiso-*` custom properties, so themes and page styles apply.
 */
export function renderScene(scene: Scene, options: RenderSceneOptions = {}): TemplateResult {
  const hatches = [...hatchColours(scene.marks)];
  const fill = (m: { fill?: string; hatch?: boolean }) => (m.hatch && m.fill ? `url(#${hatchId(m.fill)})` : paint(m.fill));
  const part = (m: Mark) => (m.className && options.parts?.[m.className]) || nothing;
  const cls = (m: Mark) => `${m.className ?? ''}${m.key !== undefined && m.key === options.active ? ' active' : ''}`;
  const enter = (m: Mark) => (m.tip && m.key !== undefined && options.onEnter ? () => options.onEnter!(m.key!) : null);
  const stroke = (m: { stroke?: string; strokeWidth?: number }) => (m.stroke ? paint(m.stroke) : nothing);
  const strokeWidth = (m: { stroke?: string; strokeWidth?: number }) => (m.stroke && m.strokeWidth !== undefined ? m.strokeWidth : nothing);
  const focusable = (m: Mark) => options.tabStop !== undefined && m.key !== undefined && !!m.tip;
  const tabindex = (m: Mark) => (focusable(m) ? (m.key === options.tabStop ? 0 : -1) : nothing);
  const draw = (m: Mark): SVGTemplateResult => {
    switch (m.type) {
      case 'rect':
        return svg`<rect class=${cls(m)} x=${round(m.x)} y=${round(m.y)} width=${round(m.width)} height=${round(m.height)} rx=${m.rx ?? nothing}
          fill=${fill(m)} fill-opacity=${m.opacity ?? nothing} stroke=${stroke(m)} stroke-width=${strokeWidth(m)} @pointerenter=${enter(m)}></rect>`;
      case 'path':
        return svg`<path class=${cls(m)} d=${m.d} fill=${fill(m)} fill-opacity=${m.opacity ?? nothing}
          stroke=${stroke(m)} stroke-width=${strokeWidth(m)} stroke-dasharray=${m.dash ?? nothing}
          data-key=${focusable(m) ? m.key! : nothing} role=${focusable(m) ? 'img' : nothing} aria-label=${focusable(m) ? m.tip! : nothing}
          tabindex=${tabindex(m)} @pointerenter=${enter(m)}></path>`;
      case 'line':
        return svg`<line class=${cls(m)} x1=${round(m.x1)} y1=${round(m.y1)} x2=${round(m.x2)} y2=${round(m.y2)}
          stroke=${paint(m.stroke)} stroke-width=${m.strokeWidth ?? nothing} stroke-dasharray=${m.dash ?? nothing}></line>`;
      case 'circle':
        return svg`<circle class=${cls(m)} cx=${round(m.cx)} cy=${round(m.cy)} r=${m.r} fill=${paint(m.fill)} stroke=${stroke(m)} @pointerenter=${enter(m)}></circle>`;
      case 'text':
        return svg`<text class=${cls(m)} part=${part(m)} x=${round(m.x)} y=${round(m.y)}
          font-size=${m.size} font-weight=${m.weight === 'bold' ? 'bold' : nothing} fill=${paint(m.fill)}
          text-anchor=${m.anchor && m.anchor !== 'start' ? m.anchor : nothing} dominant-baseline=${m.baseline && m.baseline !== 'auto' ? m.baseline : nothing}
          stroke=${m.halo ? 'var(--chiso-background)' : nothing} stroke-width=${m.halo ? 3 : nothing} stroke-linejoin=${m.halo ? 'round' : nothing}
          paint-order=${m.halo ? 'stroke' : nothing}>${m.text}</text>`;
      case 'group':
        return svg`<g class=${cls(m)} part=${part(m)} transform=${m.dx || m.dy ? `translate(${round(m.dx ?? 0)},${round(m.dy ?? 0)})` : nothing} @pointerenter=${enter(m)}>${m.marks.map(draw)}</g>`;
    }
  };
  return html`<svg part="chart" role=${options.tabStop === undefined ? 'img' : 'group'} aria-label=${scene.title} xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${scene.width} ${scene.height}" width=${scene.width} height=${scene.height}>
    ${
      hatches.length
        ? svg`<defs>${hatches.map(
            (c) => svg`<pattern id=${hatchId(c)} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6"
              fill=${paint(c)}></rect><line x1="0" y1="0" x2="0" y2="6" stroke="var(--chiso-background)" stroke-width="2"></line></pattern>`,
          )}</defs>`
        : nothing
    }
    ${scene.marks.map(draw)}
  </svg>`;
}
