import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { elementSubtitle, elementTitle, sourceLine, type ElementKind } from '@chiso/charts/frame-texts';
import type { Lang } from '@chiso/charts/types';
import { WidgetFetchError } from '../data/client.ts';
import type { WidgetData } from '@chiso/charts/widget-data';
import { messages, type Messages } from './messages.ts';

type LoadState = 'idle' | 'loading' | 'ready' | 'empty' | 'error' | 'invalid';

/** Attributes whose change means new data. */
const dataAttributes = ['indicator', 'region', 'period', 'from', 'to', 'compare', 'lang', 'api', 'level', 'asOf', 'data'];

/**
 * What every chiso element shares: configuration attributes, fetching with loading, empty, error
 * (with retry) and stale states, inline data, the frame with title, period, unit and source line,
 * themes and the observed width. Subclasses say how to fetch and how to draw.
 *
 * The parts and custom properties below belong to every element (docs/styling.md shows them in use).
 * @csspart base - the frame (a `<figure>`): padding, border, background
 * @csspart title - the title: the indicator's name, or `heading`
 * @csspart subtitle - the line under the title: period and unit
 * @csspart body - the box that holds the drawing, the table or a state
 * @csspart source - the source line under the drawing
 * @csspart skeleton - the placeholder shown while data loads
 * @csspart empty - the text shown when there is no data
 * @csspart error - the error state (a request that failed, or a configuration to fix)
 * @csspart retry - the Retry button of the error state
 * @cssprop [--chiso-font=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - font family of every text
 * @cssprop --chiso-background - background of the element, and the halo behind labels on marks
 * @cssprop --chiso-text - titles, labels, values
 * @cssprop --chiso-muted - subtitle, source line, axis labels, borders of buttons
 * @cssprop --chiso-grid - grid lines, table rules, the loading placeholder
 * @cssprop --chiso-positive - a change for the better (direction-aware)
 * @cssprop --chiso-negative - a change for the worse (direction-aware)
 * @cssprop --chiso-highlight - the bar of the page's own region (`region`) in a ranking
 * @cssprop --chiso-series-1 - first series, and the bars of a ranking
 * @cssprop --chiso-series-2 - second series
 * @cssprop --chiso-series-3 - third series
 * @cssprop --chiso-series-4 - fourth series
 * @cssprop --chiso-series-5 - fifth series
 * @cssprop --chiso-series-6 - sixth series; further series repeat the six with other patterns
 * @cssprop --chiso-focus - the keyboard focus ring (by default the theme's first series colour)
 * @cssprop [--chiso-min-height=280px] - height reserved before data arrives, so the page does not jump
 */
export abstract class ChisoElement extends LitElement {
  static override properties = {
    indicator: { type: String },
    region: { type: String },
    period: { type: String },
    from: { type: String },
    to: { type: String },
    compare: { type: String },
    level: { type: String },
    lang: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    api: { type: String },
    heading: { type: String },
    asOf: { type: String, attribute: 'as-of' },
    data: { attribute: false },
    loadState: { state: true },
    current: { state: true },
    stale: { state: true },
    failure: { state: true },
    retryable: { state: true },
    width: { state: true },
  };

  /** Indicator slug, e.g. `dossiers_on_time_rate`; several, comma-separated, where an element takes several. */
  declare indicator: string | undefined;
  /** Region code, e.g. `49`; several, comma-separated, for a chart of several regions. */
  declare region: string | undefined;
  /** A period in the gateway's language: `2021`, `2021-Q3`, `2021-09`, `2021-YTD-09`, `2020-12-15/2021-09-15`. */
  declare period: string | undefined;
  /** First day (ISO) of a series. */
  declare from: string | undefined;
  /** Last day (ISO) of a series. */
  declare to: string | undefined;
  /** Region codes to compare with, comma-separated (added as further series). */
  declare compare: string | undefined;
  /** Region level of a ranking. @default "PROVINCE" */
  declare level: string | undefined;
  /** Language of every text: `vi` or `en`. @default "vi" */
  declare lang: string;
  /** `light`, `dark`, or `auto` (follows prefers-color-scheme). @default "auto" */
  declare theme: 'light' | 'dark' | 'auto';
  /** GraphQL endpoint of a chiso gateway. @default "/graphql" */
  declare api: string;
  /** A title instead of the indicator's name. */
  declare heading: string | undefined;
  /** Show the values known at this instant (ISO date-time), e.g. a pinned embed's publication. */
  declare asOf: string | undefined;
  /** Data given inline (no gateway): see WidgetData. A `<script type="application/json">` child does the same. */
  declare data: WidgetData | undefined;

  declare protected loadState: LoadState;
  declare protected current: WidgetData | null;
  declare protected stale: boolean;
  declare protected failure: string | null;
  /** Whether the error state offers Retry: only where asking again can help (no answer, 429, 5xx), not for a mistake in the request. */
  declare protected retryable: boolean;
  /** Width of the element in CSS pixels, followed with a ResizeObserver. */
  declare protected width: number;

  private resizeObserver?: ResizeObserver;
  private loadToken = 0;
  private reportedProblem: string | null = null;

  constructor() {
    super();
    this.lang = 'vi';
    this.theme = 'auto';
    this.api = '/graphql';
    this.loadState = 'idle';
    this.current = null;
    this.stale = false;
    this.failure = null;
    this.retryable = false;
    this.width = 0;
  }

  protected get language(): Lang {
    return this.lang === 'en' ? 'en' : 'vi';
  }

  /** What every element's request carries: the gateway, the language, the vintage, and whether to skip caches. */
  protected request(fresh: boolean) {
    return { api: this.api, lang: this.language, asOf: this.asOf, fresh };
  }

  protected get t(): Messages {
    return messages[this.language];
  }

  /** The element's name without the prefix, for event names: `chart` fires `chiso-chart-load`. */
  protected abstract readonly kind: ElementKind;
  /** What is missing or wrong in the configuration, or null. */
  protected abstract configProblem(): string | null;
  /** Fetches the data from the gateway; null when the gateway knows no such indicator. */
  protected abstract fetchData(fresh: boolean): Promise<WidgetData | null>;
  /** Draws the data. */
  protected abstract renderData(data: WidgetData): TemplateResult;
  /** The line under the title: period and unit (the images' rule too: elementSubtitle). */
  protected subtitle(data: WidgetData): string {
    return elementSubtitle(this.kind, data, this.period);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const script = this.querySelector('script[type="application/json"]');
    if (script && !this.data) {
      try {
        this.data = JSON.parse(script.textContent ?? '') as WidgetData;
      } catch (error) {
        this.report(`the JSON data inside <chiso-${this.kind}> cannot be read: ${(error as Error).message}`);
      }
    }
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = Math.round(entries[0]?.contentRect.width ?? 0);
      // Next frame: re-drawing inside the observer's callback would resize within the same loop.
      if (width !== this.width) requestAnimationFrame(() => (this.width = width));
    });
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (dataAttributes.some((name) => changed.has(name))) void this.load(false);
  }

  /** Loads (again). `fresh` bypasses the shared request cache (the retry button). */
  async load(fresh = false): Promise<void> {
    const token = ++this.loadToken;
    if (this.data) {
      this.current = this.data;
      this.loadState = hasValues(this.data) ? 'ready' : 'empty';
      return;
    }
    const problem = this.configProblem();
    if (problem) {
      this.loadState = 'invalid';
      this.failure = problem;
      this.report(problem);
      return;
    }
    this.stale = this.current !== null;
    if (!this.stale) this.loadState = 'loading';
    try {
      const data = await this.fetchData(fresh);
      if (token !== this.loadToken) return;
      this.current = data;
      this.failure = null;
      // null: the gateway knows no such indicator, a mistake in the page, not a lack of data.
      if (!data) this.fail(this.t.unknownIndicator.replace('{}', this.indicator ?? ''), false);
      else this.loadState = hasValues(data) ? 'ready' : 'empty';
      this.dispatchEvent(new CustomEvent(`chiso-${this.kind}-load`, { detail: { data }, bubbles: true, composed: true }));
    } catch (error) {
      if (token !== this.loadToken) return;
      this.fail(this.failureText(error), !(error instanceof WidgetFetchError) || error.retryable);
      this.dispatchEvent(new CustomEvent(`chiso-${this.kind}-error`, { detail: { error }, bubbles: true, composed: true }));
    } finally {
      if (token === this.loadToken) this.stale = false;
    }
  }

  private fail(text: string, retryable: boolean): void {
    this.failure = text;
    this.retryable = retryable;
    this.loadState = 'error';
  }

  /** A mistake in the request: the gateway's own message, which says what to change. Else what happened, and Retry. */
  private failureText(error: unknown): string {
    if (!(error instanceof WidgetFetchError)) return `${this.t.error}: ${this.t.network}.`;
    if (!error.retryable) return `${this.t.rejected}: ${error.message}`;
    const reason = error.status === 503 || error.code === 'DATABASE_UNAVAILABLE' ? 'unavailable' : error.status === 429 ? 'busy' : error.kind;
    return `${this.t.error}: ${this.t[reason]}.`;
  }

  /** Invalid configuration is reported once in the console, and shown in the element. */
  private report(problem: string): void {
    if (this.reportedProblem === problem) return;
    this.reportedProblem = problem;
    console.error(`<chiso-${this.kind}>: ${problem}`);
  }

  protected sourceLine(data: WidgetData): TemplateResult | typeof nothing {
    const line = sourceLine(data, this.language);
    return line ? html`<figcaption part="source">${line}</figcaption>` : nothing;
  }

  protected chartTitle(data: WidgetData | null): string {
    if (this.heading) return this.heading;
    return data ? elementTitle(this.kind, data) : '';
  }

  protected override render(): TemplateResult {
    const data = this.current;
    return html`<figure part="base" aria-busy=${this.loadState === 'loading' || this.stale ? 'true' : 'false'}>
      <div>
        <p class="title" part="title">${this.chartTitle(data) || (this.loadState === 'loading' ? this.t.loading : '')}</p>
        ${data && this.loadState === 'ready' ? html`<div class="subtitle" part="subtitle">${this.subtitle(data)}</div>` : nothing}
        ${this.stale ? html`<div class="stale" role="status">${this.t.refreshing}</div>` : nothing}
      </div>
      <div class="body" part="body">${this.renderBody(data)}</div>
      ${data && this.loadState === 'ready' ? this.sourceLine(data) : nothing}
    </figure>`;
  }

  private renderBody(data: WidgetData | null): TemplateResult {
    switch (this.loadState) {
      case 'ready':
        return this.renderData(data!);
      case 'empty':
        return html`<p class="state" part="empty">${this.t.empty}</p>`;
      case 'error':
        return html`<div class="state" role="alert" part="error">
          <p>${this.failure}</p>
          ${this.retryable ? html`<button type="button" part="retry" @click=${() => this.load(true)}>${this.t.retry}</button>` : nothing}
        </div>`;
      case 'invalid':
        return html`<p class="state" role="alert" part="error">${this.t.invalid}: ${this.failure}</p>`;
      default:
        return html`<div class="skeleton" part="skeleton" aria-hidden="true"></div><span class="visually-hidden">${this.t.loading}</span>`;
    }
  }
}

/** Whether there is anything to draw: points of a series, ranked values or parts with values. */
function hasValues(data: WidgetData): boolean {
  return data.series.some((s) => s.points.length > 0) || !!data.ranking?.some((r) => r.value !== null) || !!data.parts?.some((p) => p.value !== null);
}

/** Defines an element once: a second copy of the bundle on the same page is tolerated. */
export function defineElement(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}

/** Splits a comma-separated attribute. */
export const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
