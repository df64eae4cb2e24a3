import { formatNumber } from './format-number.ts';
import { layerOn, type Topology } from './map/layers.ts';
import { mapScene } from './map/map-scene.ts';
import { provinceText } from './map/map-summary.ts';
import { layerDay, mapText } from './map/map-text.ts';
import type { Scene } from './scene.ts';
import type { Lang, WidgetData } from './widget-data.ts';

export interface DrawMapOptions {
  /** The map's data: `data.map` holds the provinces of its day and their values. */
  data: WidgetData;
  /** The boundaries of the provinces valid on `data.map.at`: `loadLayer(layerOn(at).id)` (map/layers.ts). */
  topology: Topology;
  width: number;
  lang: Lang;
  /** The page's region code, outlined. */
  highlight?: string | null;
}

/** "Chỉ số … (PCI), năm 2021": the indicator and period, as the summary opens. */
function mapSubject(data: WidgetData, lang: Lang): string {
  const label = data.series[0]?.points[0]?.period.label ?? '';
  if (!label) return data.indicator.name;
  return `${data.indicator.name}, ${lang === 'vi' ? label[0]!.toLowerCase() + label.slice(1) : label}`;
}

/** What goes into the map's formats: the indicator's, in the reader's convention. */
function formats(data: WidgetData, lang: Lang) {
  return {
    formatNumber: (value: number, decimals: number) => formatNumber(value, lang, decimals),
    scaleExponent: data.indicator.format.scaleExponent,
    decimals: data.indicator.format.decimals,
    unit: data.indicator.displayUnit,
    lang,
  };
}

/**
 * The drawing of a map (`<chiso-map>` and the gateway's map images): the provinces of the map's
 * day by class, the legend, the notes, the attribution; its title is the map's summary. Says when
 * the values were combined onto (or broken at) the provinces of a later day.
 */
export function drawMap({ data, topology, width, lang, highlight }: DrawMapOptions): Scene {
  const figures = data.map;
  if (!figures) throw new TypeError("drawMap needs data.map: the provinces of the map's day and their values (loadMap)");
  const layer = layerOn(figures.at);
  const period = data.series[0]?.points[0]?.period.label ?? '';
  const notes: string[] = [];
  if (figures.composed && layer.validFrom && layer.basis) {
    const note = figures.rule === 'NONE' ? mapText[lang].indexNote : mapText[lang].composedNote;
    notes.push(note(period || data.indicator.name, figures.provinces.length, layerDay(layer.validFrom, lang), layer.basis));
  }
  return mapScene(
    { topology, provinces: figures.provinces, direction: data.indicator.direction, ...formats(data, lang), subject: mapSubject(data, lang), highlight, notes },
    width,
  );
}

/** What the map says of each province's value ("73,02 điểm", "không có số liệu"), by region code: the map's table. */
export function provinceTexts(data: WidgetData, lang: Lang): Map<string, string> {
  const f = formats(data, lang);
  return new Map((data.map?.provinces ?? []).map((p) => [p.code, provinceText(p, f)]));
}
