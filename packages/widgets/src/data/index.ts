// `@chiso/widgets/data`: the widgets' data loaders without any element, for a page that draws
// its own charts from a chiso gateway.
export { loadKpi, loadParts, loadRanking, loadSeries, type RankingRequest, type SeriesRequest, type ValuesRequest } from './load.ts';
export { loadMap, type MapRequest } from './load-map.ts';
export { WidgetFetchError } from './client.ts';
export type { WidgetData } from '@chiso/charts/widget-data';
