import { html, type TemplateResult } from 'lit';
import { formatValue } from '@chiso/charts/format-value.ts';
import { tableRows } from '@chiso/charts/table-rows.ts';
import { ChisoElement, defineElement, list } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadSeries } from '../../data/load.ts';
import type { WidgetData } from '@chiso/charts/widget-data.ts';

/**
 * The data as an accessible table: one row per period, one column per region.
 *
 * @summary An indicator's values as a table.
 * @csspart base - the figure frame
 * @csspart table - the table
 * @csspart source - the source line
 * @fires chiso-table-load - data arrived
 * @fires chiso-table-error - loading failed
 */
export class ChisoTable extends ChisoElement {
  static override styles = [sharedStyles];
  protected readonly kind = 'table';

  protected configProblem(): string | null {
    if (!this.indicator) return 'set the "indicator" attribute to an indicator slug';
    if (!this.region) return 'set the "region" attribute to one or more region codes, e.g. region="49"';
    return null;
  }

  protected fetchData(fresh: boolean): Promise<WidgetData | null> {
    return loadSeries({ api: this.api, indicator: this.indicator!, regions: [...list(this.region), ...list(this.compare)], from: this.from, to: this.to, lang: this.language, asOf: this.asOf, fresh, change: false });
  }

  protected subtitle(data: WidgetData): string {
    return data.indicator.displayUnit;
  }

  protected renderData(data: WidgetData): TemplateResult {
    return renderDataTable(data, this.language, this.chartTitle(data));
  }
}

/** The table used by every element's "show data table" toggle as well. */
export function renderDataTable(data: WidgetData, lang: 'vi' | 'en', caption: string): TemplateResult {
  const headers = lang === 'vi' ? { period: 'Kỳ' } : { period: 'Period' };
  return html`<table part="table">
    <caption class="visually-hidden">${caption}</caption>
    <thead>
      <tr>
        <th scope="col">${headers.period}</th>
        ${data.series.map((s) => html`<th scope="col" class="number">${s.name}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${tableRows(data.series).map(
        (row) => html`<tr>
          <th scope="row">${row.label}</th>
          ${row.cells.map((point) => html`<td class="number">${point ? formatValue(point.value, data.indicator.format, lang, point.qualifier) : '–'}</td>`)}
        </tr>`,
      )}
    </tbody>
  </table>`;
}

defineElement('chiso-table', ChisoTable);

declare global {
  interface HTMLElementTagNameMap {
    'chiso-table': ChisoTable;
  }
}
