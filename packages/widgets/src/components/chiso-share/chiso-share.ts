import type { TemplateResult } from 'lit';
import { drawShare } from '@chiso/charts/draw-share';
import { ChisoElement, defineElement, list } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadParts } from '../../data/load.ts';
import type { WidgetData } from '@chiso/charts/widget-data';
import { renderScene } from '../../render/render-scene.ts';

/**
 * Parts of a whole, in percent: the online, 4-step and postal shares of dossiers received, as a
 * stacked bar (default) or a donut (`type="donut"`). Every part is labelled with its name and
 * value, and patterns tell parts apart without colour.
 *
 * @summary Shares of a whole as a stacked bar or donut.
 * @csspart chart - the SVG: the parts, then a line per part with its name and value
 * @csspart legend - the lines of the parts (an SVG group)
 * @fires chiso-share-load - data arrived (`detail.data`; null when the gateway knows no such indicator)
 * @fires chiso-share-error - loading failed (`detail.error`)
 */
export class ChisoShare extends ChisoElement {
  static override properties = { ...ChisoElement.properties, type: { type: String } };
  /** `bar` (stacked bar) or `donut`. @default "bar" */
  declare type: string | undefined;

  static override styles = [sharedStyles];
  protected readonly kind = 'share' as const;

  protected configProblem(): string | null {
    if (list(this.indicator).length < 1) return 'set the "indicator" attribute to one or more share indicators, comma-separated';
    if (!this.region) return 'set the "region" attribute to a region code, e.g. region="49"';
    return null;
  }

  protected fetchData(fresh: boolean): Promise<WidgetData | null> {
    return loadParts({ ...this.request(fresh), indicators: list(this.indicator), region: this.region!, period: this.period, from: this.from, to: this.to });
  }

  protected renderData(data: WidgetData): TemplateResult {
    return renderScene(drawShare({ data, width: Math.max(this.width || 480, 240) - 32, lang: this.language, type: this.type }), {
      parts: { legend: 'legend' },
    });
  }
}

defineElement('chiso-share', ChisoShare);

declare global {
  interface HTMLElementTagNameMap {
    'chiso-share': ChisoShare;
  }
}
