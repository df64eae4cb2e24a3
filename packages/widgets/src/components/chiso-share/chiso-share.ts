import { css, html, nothing, svg, type TemplateResult } from 'lit';
import { arc as d3arc } from 'd3-shape';
import { formatValue } from '@chiso/charts/format-value.ts';
import { stackShares } from '@chiso/charts/stack-shares.ts';
import { ChisoElement, defineElement, list } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadParts } from '../../data/load.ts';
import type { WidgetData } from '@chiso/charts/widget-data.ts';

/**
 * Parts of a whole, in percent: the online, 4-step and postal shares of dossiers received, as a
 * stacked bar (default) or a donut (`type="donut"`). Every part is labelled with its name and
 * value, and patterns tell parts apart without colour.
 *
 * @summary Shares of a whole as a stacked bar or donut.
 * @csspart base - the figure frame
 * @csspart chart - the SVG
 * @csspart legend - the list of parts
 * @fires chiso-share-load - data arrived
 * @fires chiso-share-error - loading failed
 */
export class ChisoShare extends ChisoElement {
  static override properties = { ...ChisoElement.properties, type: { type: String } };
  /** `bar` (stacked bar) or `donut`. @default "bar" */
  declare type: string | undefined;

  static override styles = [
    sharedStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 4px;
      }
      li {
        display: flex;
        gap: 8px;
        align-items: center;
      }
      .swatch {
        width: 14px;
        height: 14px;
        border-radius: 2px;
        flex: none;
      }
      .note {
        color: var(--chiso-muted);
        font-size: 0.9em;
      }
    `,
  ];
  protected readonly kind = 'share';

  protected configProblem(): string | null {
    if (list(this.indicator).length < 1) return 'set the "indicator" attribute to one or more share indicators, comma-separated';
    if (!this.region) return 'set the "region" attribute to a region code, e.g. region="49"';
    return null;
  }

  protected fetchData(fresh: boolean): Promise<WidgetData | null> {
    return loadParts({ api: this.api, indicators: list(this.indicator), region: this.region!, period: this.period, from: this.from, to: this.to, lang: this.language, asOf: this.asOf, fresh });
  }

  protected override chartTitle(data: WidgetData | null): string {
    if (this.heading) return this.heading;
    return data?.series[0]?.name ?? '';
  }

  protected subtitle(data: WidgetData): string {
    return data.parts?.find((p) => p.period)?.period?.label ?? '';
  }

  protected renderData(data: WidgetData): TemplateResult {
    const parts = data.parts ?? [];
    const stack = stackShares(parts.map((p) => ({ key: p.indicator.slug, value: p.value })));
    const color = (i: number) => `var(--chiso-series-${(i % 6) + 1})`;
    const width = Math.max(this.width || 480, 240);
    const lang = this.language;
    const names = new Map(parts.map((p) => [p.indicator.slug, p.indicator]));
    const summary = stack.segments.map((s) => `${names.get(s.key)?.name}: ${formatValue(s.value, names.get(s.key)!.format, lang)}`).join('; ');
    const patterns = svg`<defs>
      ${stack.segments.map(
        (_, i) => svg`<pattern id="p${i}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(${i * 45})">
          <rect width="6" height="6" fill=${color(i)}></rect><line x1="0" y1="0" x2="0" y2="6" stroke="var(--chiso-background)" stroke-width=${i === 0 ? 0 : 1.5}></line>
        </pattern>`,
      )}</defs>`;
    const chart =
      this.type === 'donut'
        ? svg`<g transform="translate(${width / 2}, 110)">${stack.segments.map((s, i) => {
            const path = d3arc()({ innerRadius: 55, outerRadius: 100, startAngle: (s.start / 100) * 2 * Math.PI, endAngle: (s.end / 100) * 2 * Math.PI });
            return svg`<path d=${path ?? ''} fill="url(#p${i})" stroke="var(--chiso-background)" stroke-width="1"></path>`;
          })}</g>`
        : svg`${stack.segments.map((s, i) => {
            const x = 4 + (s.start / Math.max(100, stack.segments.at(-1)?.end ?? 100)) * (width - 8);
            const w = ((s.end - s.start) / Math.max(100, stack.segments.at(-1)?.end ?? 100)) * (width - 8);
            return svg`<rect x=${x} y="4" width=${Math.max(0, w - 1)} height="36" fill="url(#p${i})"></rect>`;
          })}`;
    const height = this.type === 'donut' ? 220 : 44;
    return html`<svg part="chart" role="img" aria-label=${summary} viewBox="0 0 ${width} ${height}" width=${width} height=${height}>
        ${patterns}${chart}
      </svg>
      <ul part="legend">
        ${stack.segments.map(
          (s, i) => html`<li><svg class="swatch" viewBox="0 0 14 14" aria-hidden="true"><rect width="14" height="14" fill="url(#p${i})"></rect></svg>
            <span>${names.get(s.key)?.name}: <strong>${formatValue(s.value, names.get(s.key)!.format, lang)}</strong></span></li>`,
        )}
        ${stack.remainder > 0 && !stack.overlap ? html`<li><span class="swatch" aria-hidden="true"></span><span>${this.t.remainder}: ${formatValue(stack.remainder, parts[0]!.indicator.format, lang)}</span></li>` : nothing}
      </ul>
      ${stack.overlap ? html`<p class="note">${this.t.overlap}</p>` : nothing}`;
  }
}

defineElement('chiso-share', ChisoShare);

declare global {
  interface HTMLElementTagNameMap {
    'chiso-share': ChisoShare;
  }
}
