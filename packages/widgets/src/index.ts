// The bundle a page loads with one script tag: every chiso element, defined once.
export { ChisoChart } from './components/chiso-chart/chiso-chart.ts';
export { ChisoKpi } from './components/chiso-kpi/chiso-kpi.ts';
export { ChisoShare } from './components/chiso-share/chiso-share.ts';
export { ChisoRanking } from './components/chiso-ranking/chiso-ranking.ts';
export { ChisoTable } from './components/chiso-table/chiso-table.ts';
export { ChisoMap } from './components/chiso-map/chiso-map.ts';
export type { WidgetData } from '@chiso/charts/widget-data';
