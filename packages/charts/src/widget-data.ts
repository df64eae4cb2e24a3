import type { ChangeInfo, Lang, PeriodInfo, Series, ValueFormat } from './types.ts';
import type { MapFigures } from './map/map-input.ts';

export type { ChangeInfo, Lang, PeriodInfo, Series, ValueFormat };

export interface SourceInfo {
  publisher: string;
  title: string;
  url: string | null;
  /** ISO date. */
  publishedAt: string | null;
}

export interface IndicatorMeta {
  slug: string;
  name: string;
  /** The unit after a scaled value: "tỷ đồng", "%". */
  displayUnit: string;
  format: ValueFormat;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER' | 'NEUTRAL';
}

export interface RankingRow {
  rank: number | null;
  code: string;
  name: string;
  value: number | null;
}

/**
 * What every element draws. Fetched from the gateway, or given inline (the `data` property or a
 * `<script type="application/json">` child) so that a widget works without a gateway.
 */
export interface WidgetData {
  indicator: IndicatorMeta;
  series: Series[];
  sources: SourceInfo[];
  /** The latest value's change against the same period a year earlier (KPI). */
  change?: ChangeInfo | null;
  /** The change of each period of the first series, by period code. */
  changes?: Record<string, ChangeInfo | null>;
  /** Units ordered by value (ranking). */
  ranking?: RankingRow[];
  /** Several indicators of one unit (share: parts of a whole). */
  parts?: Array<{ indicator: IndicatorMeta; value: number | null; period: PeriodInfo | null }>;
  /** The provinces of a map's day with their values (map). */
  map?: MapFigures;
}
