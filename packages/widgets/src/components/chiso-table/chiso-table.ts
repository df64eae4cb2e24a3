import { html, type TemplateResult } from 'lit';
import { tableCells } from '@chiso/charts/table-cells';
import { ChisoElement, defineElement, list } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadSeries } from '../../data/load.ts';
import type { WidgetData } from '@chiso/charts/widget-data';

/**
 * The data as an accessible table: one row per period, one column per region.
 *
 * @summary An indicator's values as a table.
 * @csspart table - the table
 * @fires chiso-table-load - data arrived (`detail.data`; null when the gateway knows no such indicator)
 * @fires chiso-table-error - loading failed (`detail.error`)
 */
export class ChisoTable extends ChisoElement {
  static override styles = [sharedStyles];
  protected readonly kind = 'table' as const;

  protected configProblem(): string | null {
    if (!this.indicator) return 'set the "indicator" attribute to an indicator slug';
    if (!this.region) return 'set the "region" attribute to one or more region codes, e.g. region="49"';
    return null;
  }

  protected fetchData(fresh: boolean): Promise<WidgetData | null> {
    return loadSeries({
      ...this.request(fresh),
      indicator: this.indicator!,
      regions: [...list(this.region), ...list(this.compare)],
      from: this.from,
      to: this.to,
      change: false,
    });
  }

  protected renderData(data: WidgetData): TemplateResult {
    return renderDataTable(data, this.language, this.chartTitle(data));
  }
}

/**
 * The table used by every element's "show data table" toggle as well: an HTML table of the cells
 * the table image draws (tableCells), so a screen reader can walk it by row and column.
 */
export function renderDataTable(data: WidgetData, lang: 'vi' | 'en', caption: string): TemplateResult {
  const { header, rows } = tableCells(data, lang);
  // A table wider than a phone scrolls sideways inside the card (numbers and units never break);
  // the scrolling region is focusable and named, so a keyboard can scroll it too.
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${caption}><table part="table">
    <caption class="visually-hidden">${caption}</caption>
    <thead>
      <tr>
        ${header.map((h, i) => html`<th scope="col" class=${i ? 'number' : ''}>${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) => html`<tr>
          <th scope="row">${row.label}</th>
          ${row.cells.map((cell) => html`<td class="number">${cell}</td>`)}
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}

defineElement('chiso-table', ChisoTable);

declare global {
  interface HTMLElementTagNameMap {
    'chiso-table': ChisoTable;
  }
}
