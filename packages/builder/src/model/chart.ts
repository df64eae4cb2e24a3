// What a chart is made of, as the builder's form holds it, and the rules of each element.
import type { BuilderIndicatorFragment, BuilderProvincesQuery, ChartElement } from './generated/graphql.ts';

/** The elements a chart can be, in the form's order: the schema's ChartElement, every one of them. */
export const ELEMENTS = ['KPI', 'CHART', 'SHARE', 'RANKING', 'TABLE', 'MAP'] as const satisfies readonly ChartElement[];
export type ElementKind = (typeof ELEMENTS)[number];
/** Fails the typecheck when the schema has an element the form does not offer. */
const everyElement: Record<Exclude<ChartElement, ElementKind>, never> = {};
void everyElement;

/** An indicator as the gateway names it (queries.ts's BuilderIndicator fragment). */
export type Indicator = BuilderIndicatorFragment;

/** A province as the gateway lists those of a day (queries.ts's BuilderProvinces). */
export type Province = BuilderProvincesQuery['regions']['edges'][number]['node'];

/** The form's values, trimmed; empty strings for fields left blank. */
export interface ChartValues {
  element: ElementKind;
  /** The chart type where the element has several, else null. */
  type: string | null;
  indicators: string[];
  regions: string[];
  period: string;
  from: string;
  to: string;
  /** The day whose provinces a map is drawn on (maps only). */
  at: string;
  title: string;
  notes: string;
  lang: 'VI' | 'EN';
  theme: string;
}

/** Elements that take several indicators (a share of parts). */
export const MULTI_INDICATOR: ReadonlySet<ElementKind> = new Set(['SHARE']);
/** Elements that draw several regions side by side. */
export const MULTI_REGION: ReadonlySet<ElementKind> = new Set(['CHART', 'TABLE']);
/** Elements that draw every province and may only highlight one. */
export const ALL_PROVINCES: ReadonlySet<ElementKind> = new Set(['RANKING', 'MAP']);
/** The gateway's limit for a saved chart. */
export const MAX_INDICATORS = 6;
export const MAX_REGIONS = 20;

/** The chart types of the elements that have several, the first being the default. */
export const TYPES: Partial<Record<ElementKind, ReadonlyArray<readonly [string, string]>>> = {
  CHART: [
    ['line', 'Đường (line)'],
    ['column', 'Cột (column)'],
    ['bar', 'Thanh ngang (bar)'],
    ['area', 'Vùng (area)'],
  ],
  SHARE: [
    ['bar', 'Thanh xếp chồng (stacked bar)'],
    ['donut', 'Vành khuyên (donut)'],
  ],
};

/** An element kind from a form value; anything else is a KPI, the simplest element. */
export function elementOf(value: string): ElementKind {
  return (ELEMENTS as readonly string[]).includes(value) ? (value as ElementKind) : 'KPI';
}

/** The chart type to save: the one chosen if the element has it, else the element's first, else null. */
export function typeOf(element: ElementKind, chosen: string): string | null {
  const types = TYPES[element];
  if (!types) return null;
  return types.some(([value]) => value === chosen) ? chosen : types[0]![0];
}
