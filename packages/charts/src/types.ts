/** Shared shapes of the chart functions. Types only: nothing here runs. */

/** The language an element renders in. */
export type Lang = 'vi' | 'en';

/** How a value relates to the truth: "trên 90 %" is a bound, not 90. */
export type Qualifier = 'EXACT' | 'MORE_THAN' | 'LESS_THAN' | 'APPROXIMATELY';

/** A unit with its words in both languages ("đồng" / "VND"); `symbol` is "%" for rates. */
export interface UnitInfo {
  code: string;
  symbol: string | null;
  nameVi: string;
  nameEn: string;
}

/** How values are shown: 4927000000000 VND at exponent 9, 0 decimals, is "4.927 tỷ đồng". */
export interface ValueFormat {
  unit: UnitInfo;
  /** Power of ten the value is shown in (0, 3, 6, 9 or 12). */
  scaleExponent: number;
  /** Decimals shown after scaling. */
  decimals: number;
}

/** A period with ISO dates (`end` inclusive) and a label already in the element's language. */
export interface PeriodInfo {
  code: string;
  start: string;
  end: string;
  label: string;
}

/** One observation: the value is in the unit's base (14700000 USD, 99.8 %); null is a gap. */
export interface Point {
  period: PeriodInfo;
  value: number | null;
  qualifier?: Qualifier;
}

/** A named line of points (one region or one indicator). */
export interface Series {
  key: string;
  name: string;
  points: Point[];
}

/**
 * A change against an earlier value. REPORTED changes come from the source with no prior value;
 * a prior value implied by them is DERIVED, and the two must stay distinguishable.
 */
export interface ChangeInfo {
  basis: 'COMPUTED' | 'REPORTED';
  percent: number | null;
  percentagePoints: number | null;
  absolute: number | null;
  previousValue: number | null;
  previousValueBasis: 'REPORTED' | 'DERIVED' | 'COMPOSED' | null;
}

/**
 * A linear value scale: what charts need of d3's scaleLinear (a call, domain, range, ticks).
 * d3-scale's own satisfies it; `linearScale` builds a lighter one from d3-array.
 */
export interface ValueScale {
  (value: number): number;
  domain(): number[];
  range(): number[];
  ticks(count?: number): number[];
}
