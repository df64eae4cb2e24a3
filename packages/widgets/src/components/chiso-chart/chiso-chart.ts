import { html, nothing, type TemplateResult } from 'lit';
import { formatValue } from '@chiso/charts/format-value.ts';
import { summarizeSeries } from '@chiso/charts/summarize-series.ts';
import type { Point } from '@chiso/charts/types.ts';
import { ChisoElement, defineElement, list } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadSeries } from '../../data/load.ts';
import { chartSvg, type ChartType } from '../../render/chart-svg.ts';
import type { WidgetData } from '@chiso/charts/widget-data.ts';
import { renderDataTable } from '../chiso-table/chiso-table.ts';
import { chartStyles } from './chiso-chart.styles.ts';

const TYPES: ChartType[] = ['line', 'column', 'bar', 'area'];

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
    return loadSeries({ api: this.api, indicator: this.indicator!, regions: [...list(this.region), ...list(this.compare)], from: this.from, to: this.to, lang: this.language, asOf: this.asOf, fresh });
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

  /** The SVG alone: the drawing shared with the server-side images (src/render/chart-svg.ts). */
  renderSvg(data: WidgetData, summary: string): TemplateResult {
    return chartSvg({
      data,
      type: this.chartType,
      width: Math.max(this.width || 600, 280) - 32,
      lang: this.language,
      summary,
      active: this.active,
      onPoint: (series, index) => this.activate(data, series, index),
    });
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
