import { html, nothing, svg, type TemplateResult } from 'lit';
import { areaPath } from '../../charts/area-path.ts';
import { axisTicks } from '../../charts/axis-ticks.ts';
import { barLayout } from '../../charts/bar-layout.ts';
import { formatValue } from '../../charts/format-value.ts';
import { linearScale } from '../../charts/linear-scale.ts';
import { linePath } from '../../charts/line-path.ts';
import { summarizeSeries } from '../../charts/summarize-series.ts';
import { timeScale } from '../../charts/time-scale.ts';
import type { Point } from '../../charts/types.ts';
import { ChisoElement, defineElement, list } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadSeries } from '../../data/load.ts';
import type { WidgetData } from '../../data/types.ts';
import { renderDataTable } from '../chiso-table/chiso-table.ts';
import { chartStyles } from './chiso-chart.styles.ts';

type ChartType = 'line' | 'column' | 'bar' | 'area';
const TYPES: ChartType[] = ['line', 'column', 'bar', 'area'];
const HEIGHT = 260;
const MARGIN = { top: 12, right: 16, bottom: 30, left: 56 };
/** Marker shapes per series, so that colour is never the only cue. */
const SHAPES = ['M-4,0a4,4 0 1,0 8,0a4,4 0 1,0 -8,0', 'M-4,-4h8v8h-8z', 'M0,-5L5,4H-5z', 'M0,-5L5,0L0,5L-5,0z', 'M-4,-1h8v2h-8z', 'M-1,-4h2v8h-2z'];

/**
 * Line, column, bar and area charts of one or more series (several regions: `region="48,49"` or
 * `compare`). Keyboard: focus the chart, then ←/→ move between points, ↑/↓ between series,
 * Home/End jump, Esc clears; the tooltip a mouse gets is shown and announced.
 *
 * @summary A chart of an indicator over time.
 * @csspart base - the figure frame
 * @csspart chart - the SVG
 * @csspart tooltip - the tooltip
 * @csspart table - the data table (after the toggle)
 * @csspart table-toggle - the button that shows the table
 * @csspart source - the source line
 * @fires chiso-chart-load - data arrived
 * @fires chiso-chart-error - loading failed
 * @fires chiso-chart-point - a point became active (`detail: { series, period, value }`)
 */
export class ChisoChart extends ChisoElement {
  static override properties = { ...ChisoElement.properties, type: { type: String }, active: { state: true }, showTable: { state: true } };
  static override styles = [sharedStyles, chartStyles];
  /** `line`, `column`, `bar` or `area`. @default "line" */
  declare type: string;
  private declare active: { series: number; index: number } | null;
  private declare showTable: boolean;
  protected readonly kind = 'chart';

  constructor() {
    super();
    this.type = 'line';
    this.active = null;
    this.showTable = false;
  }

  private get chartType(): ChartType {
    return TYPES.includes(this.type as ChartType) ? (this.type as ChartType) : 'line';
  }

  protected configProblem(): string | null {
    if (!this.indicator) return 'set the "indicator" attribute to an indicator slug, e.g. indicator="dossiers_received"';
    if (!this.region) return 'set the "region" attribute to one or more region codes, e.g. region="48,49"';
    if (!TYPES.includes(this.type as ChartType)) return `type="${this.type}" is not a chart type: use line, column, bar or area`;
    return null;
  }

  protected fetchData(fresh: boolean): Promise<WidgetData | null> {
    return loadSeries({ api: this.api, indicator: this.indicator!, regions: [...list(this.region), ...list(this.compare)], from: this.from, to: this.to, lang: this.language, fresh });
  }

  protected subtitle(data: WidgetData): string {
    const points = data.series.flatMap((s) => s.points).sort((a, b) => a.period.start.localeCompare(b.period.start));
    const range = points.length ? (points.length === 1 ? points[0]!.period.label : `${points[0]!.period.label} – ${points.at(-1)!.period.label}`) : '';
    return [range, data.indicator.displayUnit].filter(Boolean).join(' · ');
  }

  protected renderData(data: WidgetData): TemplateResult {
    const summary = summarizeSeries({ kind: this.chartType, title: this.chartTitle(data), series: data.series, format: data.indicator.format, lang: this.language, change: data.change });
    const toggle = html`<div class="toolbar"><button type="button" part="table-toggle" aria-expanded=${this.showTable ? 'true' : 'false'} @click=${() => (this.showTable = !this.showTable)}>${this.showTable ? this.t.hideTable : this.t.showTable}</button></div>`;
    return html`${toggle}
      <div class="plot" tabindex="0" role="group" aria-roledescription=${this.language === 'vi' ? 'biểu đồ' : 'chart'} aria-label=${this.chartTitle(data)} @keydown=${(e: KeyboardEvent) => this.onKey(e, data)} @pointerleave=${() => (this.active = null)}>
        ${this.renderSvg(data, summary)} ${this.renderTooltip(data)}
        <div class="visually-hidden" aria-live="polite">${this.activeText(data)}</div>
      </div>
      ${this.showTable ? renderDataTable(data, this.language, this.chartTitle(data)) : nothing}`;
  }

  /** The SVG alone (also what the golden files and the server-side images hold). */
  renderSvg(data: WidgetData, summary: string): TemplateResult {
    const width = Math.max(this.width || 600, 280) - 32;
    const innerW = width - MARGIN.left - MARGIN.right;
    const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const type = this.chartType;
    const horizontal = type === 'bar';
    const values = data.series.flatMap((s) => s.points.map((p) => p.value));
    const valueScale = linearScale(values, horizontal ? [MARGIN.left, MARGIN.left + innerW] : [MARGIN.top + innerH, MARGIN.top]);
    const ticks = axisTicks(valueScale, this.language, data.indicator.format);
    const periods = [...new Map(data.series.flatMap((s) => s.points.map((p) => [p.period.code, p.period] as const))).values()].sort((a, b) => a.start.localeCompare(b.start));
    const color = (i: number) => `var(--chiso-series-${(i % 6) + 1})`;
    const isActive = (s: number, i: number) => this.active?.series === s && this.active.index === i;
    const hover = (s: number, i: number) => () => this.activate(data, s, i);

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
      categoryLabels = periods.map((p, pi) => {
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

  private activate(data: WidgetData, series: number, index: number): void {
    this.active = { series, index };
    const s = data.series[series];
    const p = s?.points[index];
    if (p) this.dispatchEvent(new CustomEvent('chiso-chart-point', { detail: { series: s.key, period: p.period.code, value: p.value }, bubbles: true, composed: true }));
  }

  private activeText(data: WidgetData): string {
    if (!this.active) return '';
    const s = data.series[this.active.series];
    const p = s?.points[this.active.index];
    if (!s || !p) return '';
    return `${data.series.length > 1 ? `${s.name} · ` : ''}${p.period.label}: ${formatValue(p.value, data.indicator.format, this.language, p.qualifier)}`;
  }

  private renderTooltip(data: WidgetData): TemplateResult | typeof nothing {
    const text = this.activeText(data);
    if (!text || !this.active) return nothing;
    const el = this.renderRoot.querySelectorAll<SVGGraphicsElement>('.marker, .bar');
    const mark = [...el].find((m) => m.classList.contains('active'));
    const box = mark?.getBoundingClientRect();
    const plot = this.renderRoot.querySelector('.plot')?.getBoundingClientRect();
    const left = box && plot ? box.left - plot.left + box.width / 2 : 0;
    const top = box && plot ? box.top - plot.top : 0;
    return html`<div class="tooltip" part="tooltip" role="tooltip" style="left:${left}px;top:${top}px">${text}</div>`;
  }

  private onKey(event: KeyboardEvent, data: WidgetData): void {
    const current = this.active ?? { series: 0, index: -1 };
    const points = (s: number) => data.series[s]?.points ?? [];
    let { series, index } = current;
    switch (event.key) {
      case 'ArrowRight':
        index = Math.min(points(series).length - 1, index + 1);
        break;
      case 'ArrowLeft':
        index = Math.max(0, index - 1);
        break;
      case 'ArrowDown':
        series = Math.min(data.series.length - 1, series + 1);
        break;
      case 'ArrowUp':
        series = Math.max(0, series - 1);
        break;
      case 'Home':
        index = 0;
        break;
      case 'End':
        index = points(series).length - 1;
        break;
      case 'Escape':
        this.active = null;
        return;
      default:
        return;
    }
    event.preventDefault();
    index = Math.max(0, Math.min(index, points(series).length - 1));
    this.activate(data, series, index);
    // Position the tooltip after the active mark is drawn.
    void this.updateComplete.then(() => this.requestUpdate());
  }
}

defineElement('chiso-chart', ChisoChart);

declare global {
  interface HTMLElementTagNameMap {
    'chiso-chart': ChisoChart;
  }
}
