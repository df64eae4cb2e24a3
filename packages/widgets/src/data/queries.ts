/**
 * The GraphQL documents the widgets send. They never change at run time: only variables do, so a
 * GET URL is the same for the same widget and a CDN can cache it.
 */
const indicatorFields = `slug name(lang: $lang) displayUnit(lang: $lang) scaleExponent decimals direction
  unit { code symbol nameVi: name(lang: VI) nameEn: name(lang: EN) }`;

export const SERIES_QUERY = `query ChisoSeries($indicator: String!, $region: String!, $from: Date, $to: Date, $lang: Lang, $asOf: DateTime) {
  indicator(slug: $indicator) {
    ${indicatorFields}
    series(region: $region, from: $from, to: $to, asOf: $asOf) {
      value qualifier
      period { code start end label(lang: $lang) }
      region { code name(lang: $lang) }
      source { publisher title url publishedAt }
      change(asOf: $asOf) { basis percent percentagePoints absolute previousValue previousValueBasis }
    }
  }
}`;

export const RANKING_QUERY = `query ChisoRanking($indicator: String!, $period: String!, $level: RegionLevel, $lang: Lang, $asOf: DateTime) {
  indicator(slug: $indicator) { ${indicatorFields} }
  ranking(indicator: $indicator, period: $period, level: $level, asOf: $asOf) {
    period { code start end label(lang: $lang) }
    entries { rank value region { code name(lang: $lang) } sources { publisher title url publishedAt } }
  }
}`;
