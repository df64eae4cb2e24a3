// The builder's own GraphQL documents: what no embed asks (the catalogue, the provinces of a day,
// saving). Sent as text with POST through the widgets' client (postOperation); on a gateway with
// the safelist on, they need the publishing key.
import type { Indicator, Province } from './chart.ts';

export const SEARCH = `query BuilderSearch($search: String, $first: Int) {
  indicators(search: $search, first: $first) {
    totalCount
    edges { node { slug name nameEn: name(lang: EN) } }
  }
}`;

export const PROVINCES = `query BuilderProvinces($at: Date) {
  regions(level: PROVINCE, at: $at, first: 100) {
    totalCount
    edges { node { code name } }
  }
}`;

const EMBED = 'embed { url pinnedUrl script iframe image png oembed csv }';
export const CREATE = `mutation BuilderCreate($input: ChartInput!) { createChart(input: $input) { id version ${EMBED} } }`;
export const UPDATE = `mutation BuilderUpdate($id: String!, $input: ChartInput!) { updateChart(id: $id, input: $input) { id version ${EMBED} } }`;
export const CHART = `query BuilderChart($id: String!) {
  chart(id: $id) { id version element type indicators regions period from to at title notes lang theme ${EMBED} }
}`;

export interface SearchResult {
  indicators: { totalCount: number; edges: Array<{ node: Indicator }> };
}
export interface ProvincesResult {
  regions: { totalCount: number; edges: Array<{ node: Province }> };
}

/** The codes and addresses a saved chart is embedded with. */
export interface Embed {
  url: string;
  pinnedUrl: string;
  script: string;
  iframe: string;
  image: string;
  png: string;
  oembed: string;
  csv: string;
}
export interface SavedChart {
  id: string;
  version: number;
  embed: Embed;
}
/** A saved chart as `chart(id)` answers it. */
export interface StoredChart extends SavedChart {
  element: string;
  type: string | null;
  indicators: string[];
  regions: string[];
  period: string | null;
  from: string | null;
  to: string | null;
  at: string | null;
  title: string | null;
  notes: string | null;
  lang: string | null;
  theme: string | null;
}

/** One request for the names of indicators known only by slug (the default chart, a loaded one): aliased fields. */
export function namesQuery(slugs: readonly string[]): { query: string; variables: Record<string, string> } {
  const vars = slugs.map((_, i) => `$s${i}: String!`).join(', ');
  const fields = slugs.map((_, i) => `i${i}: indicator(slug: $s${i}) { slug name nameEn: name(lang: EN) }`).join(' ');
  return { query: `query BuilderNames(${vars}) { ${fields} }`, variables: Object.fromEntries(slugs.map((s, i) => [`s${i}`, s])) };
}

/** The indicators of a names answer, in the order asked; a slug the gateway does not know keeps its slug as name. */
export function namedIndicators(slugs: readonly string[], data: Record<string, Indicator | null>): Indicator[] {
  return slugs.map((slug, i) => data[`i${i}`] ?? { slug, name: slug, nameEn: '' });
}
