import type { TemplateResult } from 'lit';
import { drawRanking } from '@chiso/charts/draw-ranking';
import { ChisoElement, defineElement } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadRanking } from '../../data/load.ts';
import type { WidgetData } from '@chiso/charts/widget-data';
import { renderScene } from '../../render/render-scene.ts';

/**
 * Units of a level ordered by value for one period; the embedding page's region is highlighted.
 * Rank numbers and a bold label mark the highlighted unit, so colour is not the only cue; units
 * without data are counted in one line ("62 tỉnh chưa có số liệu").
 *
 * @summary A ranking of provinces as bars.
 * @csspart chart - the SVG
 * @fires chiso-ranking-load - data arrived (`detail.data`; null when the gateway knows no such indicator)
 * @fires chiso-ranking-error - loading failed (`detail.error`)
 */
export class ChisoRanking extends ChisoElement {
  static override styles = [sharedStyles];
  protected readonly kind = 'ranking' as const;

  protected configProblem(): string | null {
    if (!this.indicator) return 'set the "indicator" attribute to an indicator slug';
    if (!this.period) return 'set the "period" attribute, e.g. period="2021-YTD-09"';
    return null;
  }

  protected fetchData(fresh: boolean): Promise<WidgetData | null> {
    return loadRanking({ ...this.request(fresh), indicator: this.indicator!, period: this.period!, level: this.level });
  }

  protected renderData(data: WidgetData): TemplateResult {
    return renderScene(drawRanking({ data, width: Math.max(this.width || 480, 280) - 32, lang: this.language, highlight: this.region, level: this.level }));
  }
}

defineElement('chiso-ranking', ChisoRanking);

declare global {
  interface HTMLElementTagNameMap {
    'chiso-ranking': ChisoRanking;
  }
}
