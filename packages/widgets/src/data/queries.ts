/**
 * The GraphQL documents the widgets send, one request per element. They never change at run time:
 * only variables do, so a GET URL is the same for the same widget and a CDN can cache it. Each asks
 * for what its elements show; `@include(if: $change)` leaves the change out where nothing shows it.
 */
const indicatorFields = `slug name(lang: $lang) displayUnit(lang: $lang) scaleExponent decimals direction
  unit { code symbol nameVi: name(lang: VI) nameEn: name(lang: EN) }`;
const periodFields = `period { code start end label(lang: $lang) }`;
const sourceFields = `source { publisher title url publishedAt }`;
const changeFields = `change(asOf: $asOf) @include(if: $change) { basis percent percentagePoints absolute previousValue previousValueBasis }`;

/** One indicator for several regions (chart, table): every value, and the latest value's change. */
export const SERIES_QUERY = `query ChisoSeries($indicator: String!, $regions: [String!]!, $from: Date, $to: Date, $lang: Lang, $asOf: DateTime, $change: Boolean!) {
  indicatorSeries(indicator: $indicator, regions: $regions, from: $from, to: $to, asOf: $asOf) {
    indicator { ${indicatorFields} }
    series {
      code
      region { name(lang: $lang) }
      observations { value qualifier ${periodFields} ${sourceFields} }
      latest { ${changeFields} }
    }
  }
}`;

/** Several indicators of one region, each the value of `period` or the latest (share), with its change (KPI). */
export const VALUES_QUERY = `query ChisoValues($indicators: [String!]!, $region: String!, $period: String, $from: Date, $to: Date, $lang: Lang, $asOf: DateTime, $change: Boolean!) {
  indicatorValues(indicators: $indicators, region: $region, period: $period, from: $from, to: $to, asOf: $asOf) {
    indicator { ${indicatorFields} }
    observation { value qualifier ${periodFields} ${sourceFields} region { name(lang: $lang) } ${changeFields} }
  }
}`;

/** Units of a level ordered by an indicator for one period. */
export const RANKING_QUERY = `query ChisoRanking($indicator: String!, $period: String!, $level: RegionLevel, $lang: Lang, $asOf: DateTime) {
  ranking(indicator: $indicator, period: $period, level: $level, asOf: $asOf) {
    indicator { ${indicatorFields} }
    period { code start end label(lang: $lang) }
    entries { rank value region { code name(lang: $lang) } sources { publisher title url publishedAt } }
  }
}`;
