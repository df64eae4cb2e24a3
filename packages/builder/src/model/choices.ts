import { MAX_INDICATORS, MAX_REGIONS, MULTI_INDICATOR, MULTI_REGION, type ElementKind, type Indicator } from './chart.ts';

/** A list after a choice, or the same list and why the choice was refused. */
export interface Chosen<T> {
  list: T[];
  refused?: string;
}

/** Ticks or unticks an indicator: one replaces the other where the element takes one, up to six where it takes several. */
export function chooseIndicator(list: readonly Indicator[], indicator: Indicator, checked: boolean, element: ElementKind): Chosen<Indicator> {
  if (!MULTI_INDICATOR.has(element)) return { list: checked ? [indicator] : list.filter((i) => i.slug !== indicator.slug) };
  if (!checked) return { list: list.filter((i) => i.slug !== indicator.slug) };
  if (list.some((i) => i.slug === indicator.slug)) return { list: [...list] };
  if (list.length >= MAX_INDICATORS) return { list: [...list], refused: `Tối đa ${MAX_INDICATORS} chỉ số (at most ${MAX_INDICATORS} indicators).` };
  return { list: [...list, indicator] };
}

/** Ticks or unticks a province by code ('' = none, for a ranking or map that highlights nothing). */
export function chooseRegion(list: readonly string[], code: string, checked: boolean, element: ElementKind): Chosen<string> {
  if (!MULTI_REGION.has(element)) return { list: code && checked ? [code] : [] };
  if (!checked) return { list: list.filter((c) => c !== code) };
  if (list.includes(code)) return { list: [...list] };
  if (list.length >= MAX_REGIONS) return { list: [...list], refused: `Tối đa ${MAX_REGIONS} tỉnh (at most ${MAX_REGIONS} regions).` };
  return { list: [...list, code] };
}

/** What stays chosen when the element changes: one indicator and one region where only one is drawn. */
export function fitToElement<I, R>(indicators: readonly I[], regions: readonly R[], element: ElementKind): { indicators: I[]; regions: R[] } {
  return {
    indicators: MULTI_INDICATOR.has(element) ? [...indicators] : indicators.slice(0, 1),
    regions: MULTI_REGION.has(element) ? [...regions] : regions.slice(0, 1),
  };
}
