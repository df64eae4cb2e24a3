import { html, svg, type TemplateResult } from 'lit';
import { areaPath } from '@chiso/charts/area-path.ts';
import { axisTicks } from '@chiso/charts/axis-ticks.ts';
import { barLayout } from '@chiso/charts/bar-layout.ts';
import { linearScale } from '@chiso/charts/linear-scale.ts';
import { linePath } from '@chiso/charts/line-path.ts';
import { timeScale } from '@chiso/charts/time-scale.ts';
import type { Lang } from '@chiso/charts/types.ts';
import type { WidgetData } from '@chiso/charts/widget-data.ts';

export type ChartType = 'line' | 'column' | 'bar' | 'area';

export const CHART_HEIGHT = 260;
const HEIGHT = CHART_HEIGHT;
const MARGIN = { top: 12, right: 16, bottom: 30, left: 56 };
/** Marker shapes per series, so that colour is never the only cue. */
const SHAPES = ['M-4,0a4,4 0 1,0 8,0a4,4 0 1,0 -8,0', 'M-4,-4h8v8h-8z', 'M0,-5L5,4H-5z', 'M0,-5L5,0L0,5L-5,0z', 'M-4,-1h8v2h-8z', 'M-1,-4h2v8h-2z'];

export interface ChartSvgOptions {
  data: WidgetData;
  type: ChartType;
  /** Width in pixels; the height is CHART_HEIGHT. */
  width: number;
  lang: Lang;
  /** The text alternative (aria-label of the SVG). */
  summary: string;
  /** The point under the keyboard or mouse, drawn with an outline. */
  active?: { series: number; index: number } | null;
  /** Called when the pointer enters a point (the element's tooltip). */
  onPoint?: (series: number, index: number) => void;
  /** Colour of series i. @default CSS custom properties --chiso-series-1… (the element's theme) */
  color?: (i: number) => string;
}

/**
 * The drawing of a line, column, bar or area chart as a Lit SVG template: the same code draws the
 * element in the browser and the static SVG and PNG images on the server (Lit SSR).
 */
export function chartSvg(options: ChartSvgOptions): TemplateResult {
const { data, width, summary, lang } = options;
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const type = options.type;
  const horizontal = type === 'bar';
  const values = data.series.flatMap((s) => s.points.map((p) => p.value));
  const valueScale = linearScale(values, horizontal ? [MARGIN.left, MARGIN.left + innerW] : [MARGIN.top + innerH, MARGIN.top]);
  const ticks = axisTicks(valueScale, lang, data.indicator.format);
  const periods = [...new Map(data.series.flatMap((s) => s.points.map((p) => [p.period.code, p.period] as const))).values()].sort((a, b) => a.start.localeCompare(b.start));
  const color = options.color ?? ((i: number) => `var(--chiso-series-${(i % 6) + 1})`);
  const isActive = (s: number, i: number) => options.active?.series === s && options.active.index === i;
  const hover = (s: number, i: number) => () => options.onPoint?.(s, i);

  let marks: unknown;
  let categoryLabels: unknown;
  if (type === 'line' || type === 'area') {
    const allPoints = data.series.flatMap((s) => s.points);
    const x = timeScale(allPoints, [MARGIN.left, MARGIN.left + innerW]);
    marks = data.series.map((s, si) => {
      const xy = s.points.map((p) => ({ x: x(p), y: p.value === null ? null : valueScale(p.value) }));
      return svg`<g class="series">
        ${type === 'area' ? svg`<path class="area" d=${areaPath(xy, valueScale(Math.max(0, valueScale.domain()[0]!)))} fill=${color(si)}></path>` : null}
        <path class="line" d=${linePath(xy)} stroke=${color(si)}></path>
        ${s.points.map((p, i) => (p.value === null ? null : svg`<path class="marker ${isActive(si, i) ? 'active' : ''}" d=${SHAPES[si % SHAPES.length]} transform="translate(${xy[i]!.x},${xy[i]!.y})" fill=${color(si)} @pointerenter=${hover(si, i)}></path>`))}
        ${data.series.length > 1 && xy.at(-1)?.y != null ? svg`<text class="series-label" x=${xy.at(-1)!.x + 6} y=${xy.at(-1)!.y! + 4} fill=${color(si)}>${s.name}</text>` : null}
      </g>`;
    });
    const step = Math.max(1, Math.ceil(periods.length / Math.max(1, Math.floor(innerW / 90))));
    categoryLabels = periods.filter((_, i) => i % step === 0).map((p) => {
      const pos = x({ period: p, value: null });
      return svg`<text x=${pos} y=${MARGIN.top + innerH + 18} text-anchor="middle">${p.label}</text>`;
    });
  } else {
    const length = horizontal ? innerH : innerW;
    const groups = barLayout(periods.map(() => 0), { length, thickness: 0, scale: valueScale });
    marks = data.series.map((s, si) =>
      periods.map((period, pi) => {
        const group = groups[pi];
        const point = s.points.find((p) => p.period.code === period.code);
        if (!group || !point || point.value === null) return null;
        const band = group.size / data.series.length;
        const offset = (horizontal ? MARGIN.top : MARGIN.left) + group.offset + si * band;
        const a = valueScale(Math.max(valueScale.domain()[0]!, 0));
        const b = valueScale(point.value);
        const index = s.points.indexOf(point);
        const attrs = horizontal ? { x: Math.min(a, b), y: offset, w: Math.abs(b - a), h: band - 1 } : { x: offset, y: Math.min(a, b), w: band - 1, h: Math.abs(b - a) };
        return svg`<rect class="bar ${isActive(si, index) ? 'active' : ''}" x=${attrs.x} y=${attrs.y} width=${Math.max(attrs.w, 1)} height=${Math.max(attrs.h, 1)} fill=${si === 0 ? color(si) : `url(#hatch-${si})`} @pointerenter=${hover(si, index)}></rect>`;
      }),
    );
    // Every label that fits: one per ~80 px of columns, one per ~14 px of bars; the others are in the table and tooltip.
    const room = horizontal ? innerH / 14 : innerW / 80;
    const every = Math.max(1, Math.ceil(periods.length / Math.max(1, Math.floor(room))));
    categoryLabels = periods.map((p, pi) => {
      if (pi % every !== 0) return null;
      const group = groups[pi]!;
      const mid = (horizontal ? MARGIN.top : MARGIN.left) + group.offset + group.size / 2;
      return horizontal ? svg`<text x=${MARGIN.left - 6} y=${mid + 4} text-anchor="end">${p.label}</text>` : svg`<text x=${mid} y=${MARGIN.top + innerH + 18} text-anchor="middle">${p.label}</text>`;
    });
  }
  return html`<svg part="chart" role="img" aria-label=${summary} xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${HEIGHT}" width=${width} height=${HEIGHT}>
    <defs>${data.series.map((_, si) => svg`<pattern id="hatch-${si}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill=${color(si)}></rect><line x1="0" y1="0" x2="0" y2="6" stroke="var(--chiso-background)" stroke-width="2"></line></pattern>`)}</defs>
    <g class="grid" aria-hidden="true">${ticks.map((t) => (horizontal ? svg`<line x1=${t.position} x2=${t.position} y1=${MARGIN.top} y2=${MARGIN.top + innerH}></line>` : svg`<line x1=${MARGIN.left} x2=${MARGIN.left + innerW} y1=${t.position} y2=${t.position}></line>`))}</g>
    <g class="axis" aria-hidden="true">
      ${ticks.map((t) => (horizontal ? svg`<text x=${t.position} y=${MARGIN.top + innerH + 18} text-anchor="middle">${t.label}</text>` : svg`<text x=${MARGIN.left - 6} y=${t.position + 4} text-anchor="end">${t.label}</text>`))}
      ${categoryLabels}
    </g>
    <g class="marks">${marks}</g>
  </svg>`;
}
