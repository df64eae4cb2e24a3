import { CHART_TYPES, drawChart, type ChartType } from '@chiso/charts/draw-chart';
import { drawFrame } from '@chiso/charts/draw-frame';
import { drawKpi } from '@chiso/charts/draw-kpi';
import { drawMap } from '@chiso/charts/draw-map';
import { drawRanking } from '@chiso/charts/draw-ranking';
import { drawShare } from '@chiso/charts/draw-share';
import { drawTable } from '@chiso/charts/draw-table';
import { elementSubtitle, elementTitle, sourceLine, type ElementKind } from '@chiso/charts/frame-texts';
import { layerOn, loadLayer, type Topology } from '@chiso/charts/map/layers';
import type { Scene } from '@chiso/charts/scene';
import { sceneToSvg } from '@chiso/charts/scene-to-svg';
import type { WidgetData } from '@chiso/charts/widget-data';

// Where the routes and tests have always found the PNG step.
export { svgToPng, svgToPngAsync } from './png.ts';

/** Image widths a request may ask for (`?width=`): a phone's narrowest to a wide desktop column. */
export const IMAGE_WIDTH = { min: 280, max: 1600, default: 640 } as const;

export interface StaticImageOptions {
  element: ElementKind;
  /** The data as the widgets use it (the inline data shape). */
  data: WidgetData;
  lang: 'vi' | 'en';
  theme: 'light' | 'dark';
  /** A chart's `line`, `column`, `bar` or `area` (anything else is a line, as the element does); a share's `bar` or `donut`. */
  type?: string | null;
  /** Width of the image in pixels. Under 480 px every text is a fifth larger (typeScale), for phones. @default 640 */
  width?: number;
  /** @default the element's title */
  title?: string | null;
  /** The chart's notes, written under the drawing. */
  notes?: string | null;
  /** The unit a ranking highlights, the province a map outlines. */
  highlight?: string | null;
  /** A map's boundaries: those of the provinces of its day (mapBoundaries). */
  topology?: Topology;
  /** The period a KPI shows (its code); default the latest. */
  period?: string | null;
}

/** The element's own drawing, at the width it would have inside an element of the image's width (16 px padding each side). */
function drawBody(o: StaticImageOptions, width: number, title: string): Scene {
  const { data, lang } = o;
  switch (o.element) {
    case 'kpi':
      return drawKpi({ data, width, lang, period: o.period });
    case 'ranking':
      return drawRanking({ data, width, lang, highlight: o.highlight });
    case 'share':
      return drawShare({ data, width, lang, type: o.type });
    case 'table':
      return drawTable({ data, width, lang });
    case 'chart': {
      const type = CHART_TYPES.includes(o.type as ChartType) ? (o.type as ChartType) : 'line';
      return drawChart({ data, type, width, lang, title });
    }
    case 'map':
      if (!o.topology) throw new TypeError('a map image needs its boundaries: pass topology (mapBoundaries(data))');
      return drawMap({ data, topology: o.topology, width, lang, highlight: o.highlight });
  }
}

/**
 * The image of an element: its drawing (the same scene the element renders in the browser)
 * framed by title, subtitle, the chart's notes and the source line. Bad or empty data never
 * throws: the drawings say "Không có số liệu" / "No data".
 */
export function imageScene(o: StaticImageOptions): Scene {
  const width = Math.min(IMAGE_WIDTH.max, Math.max(IMAGE_WIDTH.min, Math.round(Number.isFinite(o.width) ? o.width! : IMAGE_WIDTH.default)));
  const title = o.title ?? elementTitle(o.element, o.data);
  const body = drawBody(o, width - 32, title);
  return drawFrame(body, { title, subtitle: elementSubtitle(o.element, o.data, o.period), notes: o.notes, source: sourceLine(o.data, o.lang) });
}

/** The boundaries a map's data is drawn on: the provinces of its day (the 63 until 30/6/2025, then the 34). */
export function mapBoundaries(data: WidgetData): Promise<Topology> {
  if (!data.map) throw new TypeError("mapBoundaries needs data.map (a map's data)");
  return loadLayer(layerOn(data.map.at).id);
}

/** The image as a standalone SVG document (colours of the theme written out, fonts, escaping: sceneToSvg). */
export function renderImageSvg(o: StaticImageOptions): string {
  return sceneToSvg(imageScene(o), { theme: o.theme, lang: o.lang });
}
