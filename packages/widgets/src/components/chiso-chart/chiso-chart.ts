import { html, nothing, type TemplateResult } from 'lit';
import { CHART_TYPES as TYPES, drawChart, type ChartType } from '@chiso/charts/draw-chart';
import { findMark } from '@chiso/charts/find-mark';
import type { Scene } from '@chiso/charts/scene';
import { ChisoElement, defineElement, list } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadSeries } from '../../data/load.ts';
import { renderScene } from '../../render/render-scene.ts';
import type { WidgetData } from '@chiso/charts/widget-data';
import { renderDataTable } from '../chiso-table/chiso-table.ts';
import { chartStyles } from './chiso-chart.styles.ts';

/**
 * Line, column, bar and area charts of one or more series (several regions: `region="48,49"` or
 * `compare`). Keyboard: focus the chart, then ←/→ move between points, ↑/↓ between series,
 * Home/End jump, Esc clears; the tooltip a mouse gets is shown and announced.
 *
 * @summary A chart of an indicator over time.
 * @csspart chart - the SVG
 * @csspart tooltip - the tooltip of the point under the pointer or keyboard
 * @csspart table-toggle - the button that shows or hides the data table
 * @csspart table - the data table (after the toggle)
 * @fires chiso-chart-load - data arrived (`detail.data`; null when the gateway knows no such indicator)
 * @fires chiso-chart-error - loading failed (`detail.error`)
 * @fires chiso-chart-point - a point became active (`detail: { series, period, value }`)
 */
export class ChisoChart extends ChisoElement {
  static override properties = { ...ChisoElement.properties, type: { type: String }, active: { state: true }, showTable: { state: true } };
  static override styles = [sharedStyles, chartStyles];
  /** `line`, `column`, `bar` or `area`. @default "line" */
  declare type: string;
  declare private active: { series: number; index: number } | null;
  declare private showTable: boolean;
  protected readonly kind = 'chart' as const;

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
    return loadSeries({
      ...this.request(fresh),
      indicator: this.indicator!,
      regions: [...list(this.region), ...list(this.compare)],
      from: this.from,
      to: this.to,
    });
  }

  /** The drawing at the element's width: the same scene the gateway's image of this chart holds. */
  scene(data: WidgetData): Scene {
    return drawChart({ data, type: this.chartType, width: Math.max(this.width || 600, 280) - 32, lang: this.language, title: this.chartTitle(data) });
  }

  protected renderData(data: WidgetData): TemplateResult {
    const scene = this.scene(data);
    const label = this.showTable ? this.t.hideTable : this.t.showTable;
    const toggle = html`<div class="toolbar"><button type="button" part="table-toggle" aria-expanded=${this.showTable ? 'true' : 'false'}
      @click=${() => (this.showTable = !this.showTable)}>${label}</button></div>`;
    return html`${toggle}
      <div class="plot" tabindex="0" role="group" aria-roledescription=${this.language === 'vi' ? 'biểu đồ' : 'chart'} aria-label=${this.chartTitle(data)}
        @keydown=${(e: KeyboardEvent) => this.onKey(e, data)} @pointerleave=${() => (this.active = null)}>
        ${renderScene(scene, { active: this.activeKey, onEnter: (key) => this.activate(data, key) })} ${this.renderTooltip(scene)}
        <div class="visually-hidden" aria-live="polite">${this.activeText(scene)}</div>
      </div>
      ${this.showTable ? renderDataTable(data, this.language, this.chartTitle(data)) : nothing}`;
  }

  private get activeKey(): string | null {
    return this.active ? `p-${this.active.series}-${this.active.index}` : null;
  }

  private activate(data: WidgetData, key: string): void {
    const [, series, index] = key.split('-').map(Number) as [number, number, number];
    this.active = { series, index };
    const s = data.series[series];
    const p = s?.points[index];
    if (p)
      this.dispatchEvent(
        new CustomEvent('chiso-chart-point', { detail: { series: s.key, period: p.period.code, value: p.value }, bubbles: true, composed: true }),
      );
  }

  /** The active mark's text: the tooltip, and what the live region announces. */
  private activeText(scene: Scene): string {
    return (this.activeKey && findMark(scene.marks, this.activeKey)?.tip) || '';
  }

  private renderTooltip(scene: Scene): TemplateResult | typeof nothing {
    const text = this.activeText(scene);
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
    // Gaps have no mark: step over them in the direction of the key.
    const step = event.key === 'ArrowLeft' || event.key === 'End' ? -1 : 1;
    while (points(series)[index] && points(series)[index]!.value === null && index + step >= 0 && index + step < points(series).length) index += step;
    this.activate(data, `p-${series}-${index}`);
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
