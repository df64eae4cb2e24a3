import { css, html, svg, type TemplateResult } from 'lit';
import { formatValue } from '@chiso/charts/format-value.ts';
import { linearScale } from '@chiso/charts/linear-scale.ts';
import { ChisoElement, defineElement } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadRanking } from '../../data/load.ts';
import type { WidgetData } from '@chiso/charts/widget-data.ts';

const ROW = 22;
const LABEL = 130;

/**
 * Units of a level ordered by value for one period; the embedding page's region is highlighted.
 * Rank numbers and a bold label mark the highlighted unit, so colour is not the only cue.
 *
 * @summary A ranking of provinces as bars.
 * @csspart base - the figure frame
 * @csspart chart - the SVG
 * @csspart source - the source line
 * @fires chiso-ranking-load - data arrived
 * @fires chiso-ranking-error - loading failed
 */
export class ChisoRanking extends ChisoElement {
  static override styles = [
    sharedStyles,
    css`
      .label {
        fill: var(--chiso-text);
        font-size: 12px;
      }
      .label.highlight {
        font-weight: 700;
      }
      .bar {
        fill: var(--chiso-series-1);
      }
      .bar.highlight {
        fill: var(--chiso-highlight);
      }
      .value {
        fill: var(--chiso-muted);
        font-size: 11px;
      }
    `,
  ];
  protected readonly kind = 'ranking';

  protected configProblem(): string | null {
    if (!this.indicator) return 'set the "indicator" attribute to an indicator slug';
    if (!this.period) return 'set the "period" attribute, e.g. period="2021-YTD-09"';
    return null;
  }

  protected fetchData(fresh: boolean): Promise<WidgetData | null> {
    return loadRanking({ api: this.api, indicator: this.indicator!, period: this.period!, level: this.level, lang: this.language, asOf: this.asOf, fresh });
  }

  protected subtitle(data: WidgetData): string {
    const period = data.series[0]?.points[0]?.period.label ?? '';
    return [period, data.indicator.displayUnit].filter(Boolean).join(' · ');
  }

  protected renderData(data: WidgetData): TemplateResult {
    const rows = data.ranking ?? [];
    const width = Math.max(this.width || 480, 280);
    const height = rows.length * ROW + 8;
    const scale = linearScale(rows.map((r) => r.value), [LABEL, width - 130]);
    const lang = this.language;
    const summary =
      lang === 'vi'
        ? `Xếp hạng ${rows.filter((r) => r.value !== null).length} địa phương theo ${data.indicator.name}.`
        : `Ranking of ${rows.filter((r) => r.value !== null).length} units by ${data.indicator.name}.`;
    return html`<svg part="chart" role="img" aria-label=${summary} viewBox="0 0 ${width} ${height}" width=${width} height=${height}>
      ${rows.map((r, i) => {
        const y = i * ROW + 4;
        const highlight = r.code === this.region;
        const x0 = scale(0);
        const x1 = r.value === null ? x0 : scale(r.value);
        return svg`<g>
          <text class="label ${highlight ? 'highlight' : ''}" x="4" y=${y + 15}>${r.rank ?? '–'}. ${r.name}</text>
          ${r.value === null ? null : svg`<rect class="bar ${highlight ? 'highlight' : ''}" x=${Math.min(x0, x1)} y=${y + 3} width=${Math.max(1, Math.abs(x1 - x0))} height=${ROW - 8}></rect>`}
          <text class="value" x=${Math.max(x0, x1) + 4} y=${y + 15}>${formatValue(r.value, data.indicator.format, lang)}</text>
        </g>`;
      })}
    </svg>`;
  }
}

defineElement('chiso-ranking', ChisoRanking);

declare global {
  interface HTMLElementTagNameMap {
    'chiso-ranking': ChisoRanking;
  }
}
