import { css, type TemplateResult } from 'lit';
import { drawKpi } from '@chiso/charts/draw-kpi';
import { ChisoElement, defineElement } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadKpi } from '../../data/load.ts';
import type { WidgetData } from '@chiso/charts/widget-data';
import { renderScene } from '../../render/render-scene.ts';

/**
 * One figure with its unit, period and change against the same period a year earlier.
 *
 * @summary A key figure: "99,8 %" with its period, source and change.
 * @csspart chart - the SVG of the figure and its change
 * @csspart value - the figure (an SVG text)
 * @csspart change - the change against a year earlier (an SVG group: arrow and words)
 * @cssprop [--chiso-min-height=160px] - height reserved before data arrives: a figure needs less than a chart
 * @fires chiso-kpi-load - data arrived (`detail.data`; null when the gateway knows no such indicator)
 * @fires chiso-kpi-error - loading failed (`detail.error`)
 */
export class ChisoKpi extends ChisoElement {
  static override styles = [
    sharedStyles,
    css`
      /* A figure needs less room than a chart; a page's --chiso-min-height still wins. */
      figure {
        min-height: var(--chiso-min-height, 160px);
      }
    `,
  ];
  protected readonly kind = 'kpi' as const;

  protected configProblem(): string | null {
    if (!this.indicator) return 'set the "indicator" attribute to an indicator slug, e.g. indicator="dossiers_on_time_rate"';
    if (!this.region) return 'set the "region" attribute to a region code, e.g. region="49"';
    return null;
  }

  protected fetchData(fresh: boolean): Promise<WidgetData | null> {
    return loadKpi({ ...this.request(fresh), indicator: this.indicator!, region: this.region!, period: this.period, from: this.from, to: this.to });
  }

  protected renderData(data: WidgetData): TemplateResult {
    return renderScene(drawKpi({ data, width: Math.max(this.width || 480, 240) - 32, lang: this.language, period: this.period }), {
      parts: { value: 'value', change: 'change' },
    });
  }
}

defineElement('chiso-kpi', ChisoKpi);

declare global {
  interface HTMLElementTagNameMap {
    'chiso-kpi': ChisoKpi;
  }
}
