import { periodEnd } from '@chiso/charts/period';
import type { ChartValues } from './chart.ts';
import type { ChartInput } from './generated/graphql.ts';

const orNull = (text: string): string | null => text || null;

/**
 * The input createChart and updateChart take (the schema's ChartInput), from the form's values.
 * Every field is written, blank ones as null, so a saved chart does not keep an empty title.
 */
export function chartInput(v: ChartValues): Required<ChartInput> {
  return {
    element: v.element,
    type: v.type,
    indicators: [...v.indicators],
    regions: [...v.regions],
    period: orNull(v.period),
    from: orNull(v.from),
    to: orNull(v.to),
    at: orNull(v.at),
    title: orNull(v.title),
    notes: orNull(v.notes),
    lang: v.lang,
    theme: v.theme,
  };
}

/**
 * A preview element's attributes: the same mapping as the gateway's embed markup, in a language and
 * theme of its own. A period being typed is left out until it is one, so the preview keeps its figure.
 * An empty value means "remove the attribute".
 */
export function previewAttributes(v: ChartValues, lang: string, theme: string, api: string): Record<string, string> {
  return {
    indicator: v.indicators.join(','),
    region: v.regions.join(','),
    period: v.period && periodEnd(v.period) ? v.period : '',
    from: v.from,
    to: v.to,
    at: v.at,
    type: v.type ?? '',
    heading: v.title,
    lang,
    theme,
    api,
  };
}
