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
  /** A value as the legend and the tips write it, e.g. "73,02" or "4.927 tỷ đồng". */
  format: (value: number) => string;
  lang: Lang;
  /** What the values are, for the summary: "PCI 2021". */
  subject: string;
  /** The page's region code: outlined. */
  highlight?: string | null;
  /** Drawn above the map when given (images); an element shows its own title instead. */
  title?: string;
  subtitle?: string;
  /** Sentences under the legend, e.g. that a flow is drawn on today's provinces. */
  notes?: string[];
  theme?: 'light' | 'dark';
}

/** A province as the element needs it for pointer and keyboard: north to south. */
export interface ProvinceSpot {
  code: string;
  name: string;
  /** The text shown on hover and focus. */
  tip: string;
  /** A point on its mainland, in scene coordinates. */
  x: number;
  y: number;
}
