import { graphql } from './generated/gql.ts';
import type { BuilderChartQuery, BuilderSavedFragment } from './generated/graphql.ts';
import type { Indicator } from './chart.ts';

// The builder's own GraphQL documents: what no embed asks (the catalogue, the provinces of a day,
// saving). graphql-codegen's client preset (codegen.ts) reads this file at build time, checks each
// document against the gateway's schema and types its result and variables (src/model/generated/).
// Each is sent as text with POST through the widgets' client (postOperation); on a gateway with the
// safelist on, they need the publishing key.

/** The indicator fields the catalogue search and the names query ask. */
const INDICATOR = graphql(`
  fragment BuilderIndicator on Indicator {
    slug
    name
    nameEn: name(lang: EN)
  }
`);
/** What a save answers: the version, and the codes and addresses the chart is embedded with. */
graphql(`
  fragment BuilderSaved on Chart {
    id
    version
    embed { url pinnedUrl script iframe image png oembed csv }
  }
`);

export const SEARCH = graphql(`
  query BuilderSearch($search: String, $first: Int) {
    indicators(search: $search, first: $first) {
      totalCount
      edges { node { ...BuilderIndicator } }
    }
  }
`);

export const PROVINCES = graphql(`
  query BuilderProvinces($at: Date) {
    regions(level: PROVINCE, at: $at, first: 100) {
      totalCount
      edges { node { code name } }
    }
  }
`);

export const CREATE = graphql(`
  mutation BuilderCreate($input: ChartInput!) {
    createChart(input: $input) { ...BuilderSaved }
  }
`);

export const UPDATE = graphql(`
  mutation BuilderUpdate($id: String!, $input: ChartInput!) {
    updateChart(id: $id, input: $input) { ...BuilderSaved }
  }
`);

export const CHART = graphql(`
  query BuilderChart($id: String!) {
    chart(id: $id) { ...BuilderSaved element type indicators regions period from to at title notes lang theme }
  }
`);

/** A saved chart's id and version, and the codes and addresses it is embedded with (BuilderSaved). */
export type SavedChart = BuilderSavedFragment;
/** A saved chart as `chart(id)` answers it. */
export type StoredChart = NonNullable<BuilderChartQuery['chart']>;

/**
 * One request for the names of indicators known only by slug (the default chart, a loaded one):
 * aliased fields, so it is built here rather than generated. Its selection is the BuilderIndicator
 * fragment, whose text it carries; tests/queries.test.ts validates what it builds against the schema.
 */
export function namesQuery(slugs: readonly string[]): { query: string; variables: Record<string, string> } {
  const vars = slugs.map((_, i) => `$s${i}: String!`).join(', ');
  const fields = slugs.map((_, i) => `i${i}: indicator(slug: $s${i}) { ...BuilderIndicator }`).join(' ');
  return { query: `query BuilderNames(${vars}) { ${fields} }\n${INDICATOR.toString()}`, variables: Object.fromEntries(slugs.map((s, i) => [`s${i}`, s])) };
}

/** The indicators of a names answer, in the order asked; a slug the gateway does not know keeps its slug as name. */
export function namedIndicators(slugs: readonly string[], data: Record<string, Indicator | null>): Indicator[] {
  return slugs.map((slug, i) => data[`i${i}`] ?? { slug, name: slug, nameEn: '' });
}
