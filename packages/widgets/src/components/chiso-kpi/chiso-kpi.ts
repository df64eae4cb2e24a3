import { html, nothing, type TemplateResult } from 'lit';
import { formatChange } from '@chiso/charts/format-change.ts';
import { formatValue } from '@chiso/charts/format-value.ts';
import type { ChangeInfo, Point } from '@chiso/charts/types.ts';
import { ChisoElement, defineElement } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadKpi } from '../../data/load.ts';
import type { WidgetData } from '@chiso/charts/widget-data.ts';
import { kpiStyles } from './chiso-kpi.styles.ts';

/**
 * One figure with its unit, period and change against the same period a year earlier.
 *
 * @summary A key figure: "99,8 %" with its period, source and change.
 * @csspart base - the figure frame
 * @csspart title - the indicator's name
 * @csspart subtitle - period
 * @csspart value - the figure
 * @csspart change - the change line
 * @csspart source - the source line
 * @csspart error - the error state
 * @csspart retry - the retry button
 * @fires chiso-kpi-load - data arrived (`detail.data`)
 * @fires chiso-kpi-error - loading failed (`detail.error`)
 */
export class ChisoKpi extends ChisoElement {
  static override styles = [sharedStyles, kpiStyles];
  protected readonly kind = 'kpi';

  protected configProblem(): string | null {
    if (!this.indicator) return 'set the "indicator" attribute to an indicator slug, e.g. indicator="dossiers_on_time_rate"';
    if (!this.region) return 'set the "region" attribute to a region code, e.g. region="49"';
    return null;
  }

  protected fetchData(fresh: boolean): Promise<WidgetData | null> {
    return loadKpi({ api: this.api, indicator: this.indicator!, region: this.region!, period: this.period, from: this.from, to: this.to, lang: this.language, asOf: this.asOf, fresh });
  }

  /** The point shown: the one of `period`, else the latest (the gateway sends only that one; inline data may hold more). */
  private point(data: WidgetData): Point | undefined {
    const points = data.series[0]?.points ?? [];
    return (this.period ? points.find((p) => p.period.code === this.period) : undefined) ?? points.at(-1);
  }

  private changeOf(data: WidgetData, point: Point): ChangeInfo | null {
    return data.changes?.[point.period.code] ?? (point === data.series[0]?.points.at(-1) ? (data.change ?? null) : null);
  }

  protected subtitle(data: WidgetData): string {
    return this.point(data)?.period.label ?? '';
  }

  protected renderData(data: WidgetData): TemplateResult {
    const point = this.point(data);
    if (!point) return html`<p class="state">${this.t.empty}</p>`;
    const format = data.indicator.format;
    const change = this.changeOf(data, point);
    const delta = change ? (change.percentagePoints ?? change.percent ?? change.absolute ?? 0) : 0;
    const up = delta > 0;
    const good = data.indicator.direction === 'NEUTRAL' || delta === 0 ? 'neutral' : up === (data.indicator.direction === 'HIGHER_IS_BETTER') ? 'good' : 'bad';
    const words = this.language === 'vi' ? { up: 'tăng', down: 'giảm', same: 'không đổi' } : { up: 'up', down: 'down', same: 'unchanged' };
    const derived = change?.previousValueBasis === 'DERIVED' && change.previousValue !== null;
    return html`
      <p class="value" part="value">${formatValue(point.value, format, this.language, point.qualifier)}</p>
      ${change
        ? html`<p class="change" part="change" data-tone=${good}>
            <span aria-hidden="true">${delta > 0 ? '▲' : delta < 0 ? '▼' : '■'}</span>
            <span>${delta > 0 ? words.up : delta < 0 ? words.down : words.same} ${formatChange(change, format, this.language)}</span>
          </p>`
        : html`<p class="change" part="change" data-tone="neutral">${this.t.noChange}</p>`}
      ${derived
        ? html`<p class="derived">
            ${this.language === 'vi' ? 'Cùng kỳ năm trước (ước tính từ mức thay đổi):' : 'A year earlier (derived from the reported change):'}
            ${formatValue(change!.previousValue, format, this.language, 'APPROXIMATELY')}
          </p>`
        : nothing}
    `;
  }
}

defineElement('chiso-kpi', ChisoKpi);

declare global {
  interface HTMLElementTagNameMap {
    'chiso-kpi': ChisoKpi;
  }
}
