import type { Topology } from '@chiso/charts/map/layers.ts';
import type { MapDrawing } from '@chiso/charts/map/map-scene.ts';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { ChisoElement, defineElement } from '../../base/chiso-element.ts';
import { formatNumber } from '@chiso/charts/format-number.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadMap } from '../../data/load-map.ts';
import type { WidgetData } from '@chiso/charts/widget-data.ts';
import { mapStyles } from './chiso-map.styles.ts';

/** The drawing code and the boundaries: chunks of their own, fetched when a map is first drawn. */
const drawing = () => import('../../data/map-drawing.ts');
type Drawing = Awaited<ReturnType<typeof drawing>>;

/**
 * A choropleth of the provinces valid on the map's day (the 63 until 30/6/2025, the 34 after):
 * one indicator for one period, in at most 7 classes of a sequential scale darkening to the better
 * end, provinces without data hatched and named in the legend, the page's `region` outlined. The
 * arrow keys move from province to province with the text a pointer shows; the summary is the
 * map's accessible name; the values as a table on request. A flow of a year before the 2025
 * merger drawn on today's provinces (`at`) is composed from their predecessors and says so; a
 * composite index of a merged province is a break, never an average. The drawing and the
 * boundaries load on demand, outside the main bundle.
 *
 * @summary A map of the provinces coloured by one indicator.
 * @csspart chart - the map's SVG
 * @csspart table-toggle - the button that shows or hides the data table
 * @csspart table - the data table (after the toggle)
 * @fires chiso-map-load - data arrived (`detail.data`; null when the gateway knows no such indicator)
 * @fires chiso-map-error - loading failed (`detail.error`)
 */
export class ChisoMap extends ChisoElement {
  static override properties = {
    ...ChisoElement.properties,
    at: { type: String },
    table: { type: Boolean, reflect: true },
    geometry: { state: true },
    tip: { state: true },
  };
  static override styles = [sharedStyles, mapStyles];

  /** The day whose provinces are drawn: an ISO date or `today`. @default the period's last day */
  declare at: string | undefined;
  /** Show the data table under the map. @default false */
  declare table: boolean;
  protected declare geometry: { code: Drawing; topology: Topology; at: string } | null;
  /** The province that takes the focus when the map is entered (a roving tabindex, kept out of rendering). */
  private focused: string | null = null;
  protected declare tip: { text: string; x: number; y: number } | null;
  protected readonly kind = 'map';
  private lastDrawing: MapDrawing | null = null;
  /** The last drawing and its markup, by what they were drawn from: a pointer's move redraws nothing. */
  private drawingKey: unknown[] = [];
  private markup = '';

  constructor() {
    super();
    this.table = false;
    this.geometry = null;
    this.tip = null;
  }

  /** The map's day as the gateway takes it: `today` becomes today's date. */
  private get day(): string | null {
    if (!this.at) return null;
    return this.at === 'today' ? new Date().toISOString().slice(0, 10) : this.at;
  }

  protected configProblem(): string | null {
    if (!this.indicator) return 'set the "indicator" attribute to an indicator slug';
    if (!this.period) return 'set the "period" attribute, e.g. period="2021"';
    if (this.at && this.at !== 'today' && !/^\d{4}-\d{2}-\d{2}$/.test(this.at)) return `"at" is "${this.at}": write an ISO date such as 2025-07-01, or "today"`;
    return null;
  }

  protected fetchData(fresh: boolean): Promise<WidgetData | null> {
    void drawing();
    return loadMap({ api: this.api, indicator: this.indicator!, period: this.period!, at: this.day, lang: this.language, asOf: this.asOf, fresh });
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('at')) void this.load(false);
    super.willUpdate(changed);
    const data = this.current;
    if (data?.map && this.geometry?.at !== data.map.at) void this.loadGeometry(data);
  }

  private async loadGeometry(data: WidgetData): Promise<void> {
    const at = data.map!.at;
    const code = await drawing();
    const topology = await code.mapGeometry(data);
    if (this.current?.map?.at === at) this.geometry = { code, topology, at };
  }

  private get dark(): boolean {
    return this.theme === 'dark' || (this.theme === 'auto' && !!globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches);
  }

  protected renderData(data: WidgetData): TemplateResult {
    if (!data.map || !this.geometry || this.geometry.at !== data.map.at) {
      return html`<div class="skeleton" part="skeleton" aria-hidden="true"></div>`;
    }
    const width = Math.max(this.width || 640, 280) - 32;
    const theme = this.dark ? ('dark' as const) : ('light' as const);
    const key = [data, this.geometry, width, this.language, theme, this.region];
    if (!this.lastDrawing || key.some((k, i) => k !== this.drawingKey[i])) {
      const code = this.geometry.code;
      this.lastDrawing = code.drawMap(data, this.geometry.topology, width, { lang: this.language, theme, highlight: this.region, formatNumber });
      this.markup = code.mapSvg(this.lastDrawing.scene, { focusable: true });
      this.drawingKey = key;
    }
    const { scene } = this.lastDrawing;
    const t = this.t;
    return html`<div class="map" @pointerleave=${() => (this.tip = null)}>
        <svg part="chart" role="group" aria-label=${scene.title} viewBox="0 0 ${scene.width} ${scene.height}" width=${scene.width} height=${scene.height}
          @pointermove=${this.onPointer} @keydown=${this.onKey} @focusin=${this.onFocus} @focusout=${() => (this.tip = null)}>${unsafeSVG(this.markup)}</svg>
        ${this.tip ? html`<div class="tip" aria-hidden="true" style="left:${this.tip.x}px;top:${this.tip.y}px">${this.tip.text}</div>` : nothing}
      </div>
      <div class="actions">
        <button type="button" part="table-toggle" aria-expanded=${this.table ? 'true' : 'false'} @click=${() => (this.table = !this.table)}>${this.table ? t.hideTable : t.showTable}</button>
      </div>
      ${this.table ? this.renderTable(data) : nothing}`;
  }

  /** One province is reachable with Tab: the one last focused, else the northernmost. */
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const spots = this.lastDrawing?.spots ?? [];
    const code = spots.some((s) => s.code === this.focused) ? this.focused : (spots[0]?.code ?? null);
    for (const path of this.renderRoot.querySelectorAll('path[data-code]')) path.setAttribute('tabindex', path.getAttribute('data-code') === code ? '0' : '-1');
  }

  private renderTable(data: WidgetData): TemplateResult {
    const collator = new Intl.Collator(this.language);
    const rows = [...data.map!.provinces].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || collator.compare(a.name, b.name));
    const texts = new Map(this.lastDrawing?.spots.map((s) => [s.code, s.text]));
    return html`<table part="table">
      <caption class="visually-hidden">${this.lastDrawing?.scene.title}</caption>
      <thead><tr><th scope="col">${this.t.region}</th><th scope="col">${data.indicator.name}${data.indicator.displayUnit ? ` (${data.indicator.displayUnit})` : ''}</th></tr></thead>
      <tbody>${rows.map((p) => html`<tr><th scope="row">${p.name}</th><td>${texts.get(p.code)}</td></tr>`)}</tbody>
    </table>`;
  }

  private spotOf(code: string | null) {
    return this.lastDrawing?.spots.find((s) => s.code === code) ?? null;
  }

  /** Scene coordinates to the element's, for the tip. */
  private place(x: number, y: number): { x: number; y: number } {
    const svgEl = this.renderRoot.querySelector('svg');
    const scale = svgEl && this.lastDrawing ? svgEl.getBoundingClientRect().width / this.lastDrawing.scene.width : 1;
    return this.inside(x * scale, y * scale);
  }

  /** A tip centred on x stays inside the map: near an edge it slides in (it is at most 260 px wide). */
  private inside(x: number, y: number): { x: number; y: number } {
    const width = (this.renderRoot.querySelector('.map') as HTMLElement | null)?.clientWidth ?? 0;
    const half = Math.min(130, width * 0.4);
    return { x: Math.min(Math.max(x, half), width - half), y };
  }

  private onPointer = (event: PointerEvent): void => {
    const target = event.target as Element;
    const spot = this.spotOf(target.getAttribute?.('data-code'));
    if (!spot) {
      this.tip = null;
      return;
    }
    const box = (this.renderRoot.querySelector('.map') as HTMLElement).getBoundingClientRect();
    this.tip = { text: spot.tip, ...this.inside(event.clientX - box.left, event.clientY - box.top) };
  };

  private onFocus = (event: FocusEvent): void => {
    const spot = this.spotOf((event.target as Element).getAttribute?.('data-code'));
    if (!spot) return;
    this.focused = spot.code;
    for (const path of this.renderRoot.querySelectorAll('path[data-code]')) path.setAttribute('tabindex', path === event.target ? '0' : '-1');
    this.tip = { text: spot.tip, ...this.place(spot.x, spot.y) };
  };

  /** Arrow keys move north to south (down, right) or back (up, left); Home and End go to the ends. */
  private onKey = (event: KeyboardEvent): void => {
    const spots = this.lastDrawing?.spots ?? [];
    const current = Math.max(0, spots.findIndex((s) => s.code === (this.focused ?? spots[0]?.code)));
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowRight: current + 1, ArrowUp: current - 1, ArrowLeft: current - 1, Home: 0, End: spots.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = spots[Math.min(spots.length - 1, Math.max(0, moves[event.key]!))];
    if (!next) return;
    (this.renderRoot.querySelector(`path[data-code="${next.code}"]`) as SVGElement | null)?.focus();
  };
}

defineElement('chiso-map', ChisoMap);

declare global {
  interface HTMLElementTagNameMap {
    'chiso-map': ChisoMap;
  }
}
