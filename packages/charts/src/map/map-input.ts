import type { Topology } from 'topojson-specification';
import type { Direction } from './colours.ts';

export type Lang = 'vi' | 'en';

/** One province of the layer and what the map says of it. */
export interface ProvinceValue {
  /** chiso region code, the feature's id. */
  code: string;
  name: string;
  value: number | null;
  /**
   * A composite index of a province formed by a merger: there is no value by rule (it is never
   * averaged). Drawn hatched, like a missing value, and explained apart.
   */
  break?: boolean;
  /** The former provinces whose values were combined for it (a flow drawn on today's provinces). */
  composedOf?: string[];
}

/** What a map drawing is made from: data, geometry and the words around it. Plain data. */
export interface MapInput {
  topology: Topology;
  /** Every province of the layer; a province missing here is drawn as without data. */
  provinces: ProvinceValue[];
  direction: Direction;
  /** Writes a number in the reader's convention with exactly `decimals` decimals ("73,02"). */
  formatNumber: (value: number, decimals: number) => string;
  /** Values are shown divided by 10 to this power (9: "tỷ đồng"). */
  scaleExponent: number;
  /** Decimals of a value after scaling. */
  decimals: number;
  /** The unit after a shown value: "điểm", "%", "tỷ đồng"; the legend's heading. */
  unit: string;
  lang: Lang;
  /** What the values are, for the summary: "PCI 2021". */
  subject: string;
  /** The page's region code: outlined. */
  highlight?: string | null;
  /** Sentences under the legend, e.g. that a flow is drawn on today's provinces. */
  notes?: string[];
}

/** What a map shows beyond a ranking: the provinces of the map's day and how their values came to be. */
export interface MapFigures {
  /** The day whose provinces are drawn (ISO). */
  at: string;
  provinces: ProvinceValue[];
  /** The period's values were combined onto the provinces of a later day (their predecessors'). */
  composed: boolean;
  rule: 'SUM' | 'RATIO' | 'LAST_VALUE' | 'NONE';
}
