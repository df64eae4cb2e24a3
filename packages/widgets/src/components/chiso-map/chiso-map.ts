import type { Topology } from '@chiso/charts/map/layers';
import type { Spot } from '@chiso/charts/map/province-moves';
import type { Scene } from '@chiso/charts/scene';
import type { WidgetData } from '@chiso/charts/widget-data';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ChisoElement, defineElement } from '../../base/chiso-element.ts';
import { sharedStyles } from '../../base/shared.styles.ts';
import { loadMap } from '../../data/load-map.ts';
import { renderScene } from '../../render/render-scene.ts';
import { mapStyles } from './chiso-map.styles.ts';

/** The drawing code and the boundaries: chunks of their own, fetched when a map is first drawn. */
const drawing = () => import('../../data/map-drawing.ts');
type Drawing = Awaited<ReturnType<typeof drawing>>;

/**
 * A choropleth of the provinces valid on the map's day (the 63 until 30/6/2025, the 34 after):
 * one indicator for one period, in at most 7 classes of a sequential scale darkening to the better
 * end, provinces without data hatched and named in the legend, the page's `region` outlined. The
 * summary is the map's accessible name; the values as a table on request. A flow of a year before the 2025
 * merger drawn on today's provinces (`at`) is composed from their predecessors and says so; a
 * composite index of a merged province is a break, never an average. The drawing is the scene
 * the gateway's map images hold (drawMap); it and the boundaries load on demand, outside the main
 * bundle. Keyboard: Tab reaches one province; the arrow keys move to the nearest province that
 * way (by their centroids), Home and End to the first and last in reading order; a focused
 * province shows the text a pointer shows.
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
    focused: { state: true },
    tip: { state: true },
  };
  static override styles = [sharedStyles, mapStyles];

  /** The day whose provinces are drawn: an ISO date or `today`. @default the period's last day */
  declare at: string | undefined;
  /** Show the data table under the map. @default false */
  declare table: boolean;
  declare protected geometry: { code: Drawing; topology: Topology; at: string } | null;
  /** The province that takes the focus when the map is entered (a roving tabindex): the one last focused. */
  declare protected focused: string | null;
  declare protected tip: { text: string; x: number; y: number } | null;
  protected readonly kind = 'map';
  private drawn: { scene: Scene; spots: Spot[] } | null = null;
  /** What the last drawing was drawn from: a pointer's move or a focus draws nothing anew. */
  private drawingKey: unknown[] = [];

  constructor() {
    super();
    this.table = false;
    this.geometry = null;
    this.focused = null;
    this.tip = null;
  }

  /** The drawing shown last: the scene the gateway's image of this map holds; null before the boundaries arrive. */
  get scene(): Scene | null {
    return this.drawn?.scene ?? null;
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
    return loadMap({ ...this.request(fresh), indicator: this.indicator!, period: this.period!, at: this.day });
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

  protected renderData(data: WidgetData): TemplateResult {
    if (!data.map || !this.geometry || this.geometry.at !== data.map.at) {
      return html`<div class="skeleton" part="skeleton" aria-hidden="true"></div>`;
    }
    const width = Math.max(this.width || 640, 280) - 32;
    const key = [data, this.geometry, width, this.language, this.region];
    if (!this.drawn || key.some((k, i) => k !== this.drawingKey[i])) {
      const { code, topology } = this.geometry;
      const scene = code.drawMap({ data, topology, width, lang: this.language, highlight: this.region });
      this.drawn = { scene, spots: code.spotsOf(scene.marks) };
      this.drawingKey = key;
    }
    const { scene, spots } = this.drawn;
    const tabStop = spots.some((s) => s.key === this.focused) ? this.focused : (spots[0]?.key ?? null);
    const t = this.t;
    return html`<div class="map" @pointermove=${this.onPointer} @pointerleave=${() => (this.tip = null)} @keydown=${this.onKey} @focusin=${this.onFocus} @focusout=${() => (this.tip = null)}>
        ${renderScene(scene, { tabStop })}
        ${this.tip ? html`<div class="tip" aria-hidden="true" style="left:${this.tip.x}px;top:${this.tip.y}px">${this.tip.text}</div>` : nothing}
      </div>
      <div class="actions">
        <button type="button" part="table-toggle" aria-expanded=${this.table ? 'true' : 'false'} @click=${() => (this.table = !this.table)}>${this.table ? t.hideTable : t.showTable}</button>
      </div>
      ${this.table ? this.renderTable(data) : nothing}`;
  }

  private renderTable(data: WidgetData): TemplateResult {
    const collator = new Intl.Collator(this.language);
    const rows = [...data.map!.provinces].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || collator.compare(a.name, b.name));
    const texts = this.geometry!.code.provinceTexts(data, this.language);
    return html`<table part="table">
      <caption class="visually-hidden">${this.drawn?.scene.title}</caption>
      <thead><tr><th scope="col">${this.t.region}</th><th scope="col">${data.indicator.name}${data.indicator.displayUnit ? ` (${data.indicator.displayUnit})` : ''}</th></tr></thead>
      <tbody>${rows.map((p) => html`<tr><th scope="row">${p.name}</th><td>${texts.get(p.code)}</td></tr>`)}</tbody>
    </table>`;
  }

  private spotOf(target: EventTarget | null): Spot | null {
    const key = (target as Element | null)?.getAttribute?.('data-key');
    return this.drawn?.spots.find((s) => s.key === key) ?? null;
  }

  /** Scene coordinates to the element's, for the tip. */
  private place(x: number, y: number): { x: number; y: number } {
    const svgEl = this.renderRoot.querySelector('svg');
    const scale = svgEl && this.drawn ? svgEl.getBoundingClientRect().width / this.drawn.scene.width : 1;
    return this.inside(x * scale, y * scale);
  }

  /** A tip centred on x stays inside the map: near an edge it slides in (it is at most 260 px wide). */
  private inside(x: number, y: number): { x: number; y: number } {
    const width = (this.renderRoot.querySelector('.map') as HTMLElement | null)?.clientWidth ?? 0;
    const half = Math.min(130, width * 0.4);
    return { x: Math.min(Math.max(x, half), width - half), y };
  }

  private onPointer = (event: PointerEvent): void => {
    const spot = this.spotOf(event.target);
    if (!spot) {
      this.tip = null;
      return;
    }
    const box = (this.renderRoot.querySelector('.map') as HTMLElement).getBoundingClientRect();
    this.tip = { text: spot.tip, ...this.inside(event.clientX - box.left, event.clientY - box.top) };
  };

  /** A focused province shows its tip, at its centroid: the text the pointer shows. */
  private onFocus = (event: FocusEvent): void => {
    const spot = this.spotOf(event.target);
    if (!spot) return;
    this.focused = spot.key;
    this.tip = { text: spot.tip, ...this.place(spot.x, spot.y) };
  };

  /** The arrow keys go to the nearest province that way, Home and End to the first and last (moveFrom). */
  private onKey = (event: KeyboardEvent): void => {
    if (!this.geometry || !this.drawn) return;
    const next = this.geometry.code.moveFrom(this.drawn.spots, this.focused, event.key);
    if (!next) return;
    event.preventDefault();
    (this.renderRoot.querySelector(`path[data-key="${next.key}"]`) as SVGElement | null)?.focus();
  };
}

defineElement('chiso-map', ChisoMap);

declare global {
  interface HTMLElementTagNameMap {
    'chiso-map': ChisoMap;
  }
}
