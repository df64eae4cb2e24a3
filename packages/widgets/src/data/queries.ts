import { graphql } from './generated/gql.ts';

/**
 * The GraphQL documents the widgets send, one request per element. graphql-codegen's client preset
 * (codegen.ts) reads this file at build time: it types each document (result and variables) and
 * writes the manifest of persisted documents (hash -> document) that the gateway loads. In the
 * bundle a document is only its hash: an element sends `GET /graphql?documentId=<hash>&variables=…`,
 * the same URL for the same widget, so a CDN can cache it. Each asks for what its elements show;
 * `@include(if: $change)` leaves the change out where nothing shows it.
 *
 * The fragments are the shared selections; they use the variables of the operation that spreads
 * them ($lang, $asOf, $change).
 */
graphql(`
  fragment ChisoIndicator on Indicator {
    slug
    name(lang: $lang)
    displayUnit(lang: $lang)
    scaleExponent
    decimals
    direction
    unit { code symbol nameVi: name(lang: VI) nameEn: name(lang: EN) }
  }
`);
graphql(`
  fragment ChisoPeriod on Period {
    code
    start
    end
    label(lang: $lang)
  }
`);
graphql(`
  fragment ChisoSource on Source {
    publisher
    title
    url
    publishedAt
  }
`);
graphql(`
  fragment ChisoPoint on Observation {
    value
    qualifier
    period { ...ChisoPeriod }
  }
`);
graphql(`
  fragment ChisoChange on Observation {
    change(asOf: $asOf) @include(if: $change) { basis percent percentagePoints absolute previousValue previousValueBasis }
  }
`);

/**
 * One indicator for several regions (chart, table): every value, and the latest value's change.
 * The sources come once for the whole answer (the source line), not with each value.
 */
export const SERIES_QUERY = graphql(`
  query ChisoSeries($indicator: String!, $regions: [String!]!, $from: Date, $to: Date, $lang: Lang, $asOf: DateTime, $change: Boolean!) {
    indicatorSeries(indicator: $indicator, regions: $regions, from: $from, to: $to, asOf: $asOf) {
      indicator { ...ChisoIndicator }
      sources { ...ChisoSource }
      series {
        code
        region { name(lang: $lang) }
        observations { ...ChisoPoint }
        latest { ...ChisoChange }
      }
    }
  }
`);

/** Several indicators of one region, each the value of `period` or the latest (share), with its change (KPI). */
export const VALUES_QUERY = graphql(`
  query ChisoValues($indicators: [String!]!, $region: String!, $period: String, $from: Date, $to: Date, $lang: Lang, $asOf: DateTime, $change: Boolean!) {
    indicatorValues(indicators: $indicators, region: $region, period: $period, from: $from, to: $to, asOf: $asOf) {
      indicator { ...ChisoIndicator }
      region { name(lang: $lang) }
      observation { ...ChisoPoint ...ChisoChange source { ...ChisoSource } }
    }
  }
`);

/** Units of a level ordered by an indicator for one period. */
export const RANKING_QUERY = graphql(`
  query ChisoRanking($indicator: String!, $period: String!, $level: RegionLevel, $lang: Lang, $asOf: DateTime) {
    ranking(indicator: $indicator, period: $period, level: $level, asOf: $asOf) {
      indicator { ...ChisoIndicator }
      period { ...ChisoPeriod }
      entries { rank value region { code name(lang: $lang) } sources { ...ChisoSource } }
    }
  }
`);

/**
 * A map: every province of the period with its value (the units valid at the period's end), and,
 * when the map is drawn on another day's provinces (`at`), those provinces with their predecessors.
 */
export const MAP_QUERY = graphql(`
  query ChisoMap($indicator: String!, $period: String!, $at: Date, $otherDay: Boolean!, $lang: Lang, $asOf: DateTime) {
    ranking(indicator: $indicator, period: $period, level: PROVINCE, asOf: $asOf) {
      indicator { ...ChisoIndicator aggregation }
      period { ...ChisoPeriod }
      at
      entries { value region { id code name(lang: $lang) } sources { ...ChisoSource } }
    }
    layer: regions(level: PROVINCE, at: $at, first: 100) @include(if: $otherDay) {
      edges { node { id code name(lang: $lang) predecessors { code name(lang: $lang) } } }
    }
  }
`);

/** A flow (sum, ratio, stock) on the provinces of another day, composed by the gateway from their predecessors. */
export const MAP_COMPOSED_QUERY = graphql(`
  query ChisoMapComposed($indicator: String!, $period: String!, $at: Date!, $asOf: DateTime) {
    aggregate(indicator: $indicator, period: $period, level: PROVINCE, at: $at, asOf: $asOf) {
      units { value region { code } }
    }
  }
`);
