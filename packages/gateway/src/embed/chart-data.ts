import { loadKpi, loadParts, loadRanking, loadSeries } from '@chiso/widgets/data/load.ts';
import { loadMap } from '@chiso/widgets/data/load-map.ts';
import type { WidgetData } from '@chiso/charts/widget-data';
import type { ChartConfig } from './chart-config.ts';

/**
 * The data a saved chart shows, fetched exactly as the element fetches it (the same documents and
 * mapping), through the gateway's own in-process fetch.
 */
export function chartData(config: ChartConfig, fetchImpl: typeof fetch, asOf?: Date | null): Promise<WidgetData | null> {
  const common = {
    api: 'http://chiso.internal/graphql',
    lang: config.lang,
    from: config.from,
    to: config.to,
    asOf: asOf?.toISOString() ?? null,
    fetch: fetchImpl,
    fresh: true,
  };
  switch (config.element) {
    case 'RANKING':
      return loadRanking({ ...common, indicator: config.indicators[0]!, period: config.period! });
    case 'MAP':
      return loadMap({ ...common, indicator: config.indicators[0]!, period: config.period!, at: config.at });
    case 'KPI':
      return loadKpi({ ...common, indicator: config.indicators[0]!, region: config.regions[0]!, period: config.period });
    case 'SHARE':
      return loadParts({ ...common, indicators: config.indicators, region: config.regions[0]!, period: config.period });
    default:
      // As the element asks: a table shows no change, so it does not ask for one.
      return loadSeries({ ...common, indicator: config.indicators[0]!, regions: config.regions, change: config.element !== 'TABLE' });
  }
}
