import { layerOn, loadLayer } from '@chiso/charts/map/layers.ts';
import { mapScene, type MapDrawing } from '@chiso/charts/map/map-scene.ts';
import { layerDay, mapText } from '@chiso/charts/map/map-text.ts';
import type { Topology } from '@chiso/charts/map/layers.ts';
import type { Lang, WidgetData } from '@chiso/charts/widget-data.ts';

export type { MapDrawing };

export interface MapLook {
  lang: Lang;
  theme: 'light' | 'dark';
  /** The page's region, outlined. */
  highlight?: string | null;
  /** Drawn inside the scene (images); an element has its own title. */
  title?: string;
  subtitle?: string;
  /** A number in the reader's convention (the widgets' formatNumber): passed in, so this chunk holds no copy of it. */
  formatNumber: (value: number, lang: Lang, decimals: number) => string;
}

/** The geometry of the provinces a map's data is drawn on (a chunk of its own, fetched once). */
export function mapGeometry(data: WidgetData): Promise<Topology> {
  return loadLayer(layerOn(data.map!.at).id);
}

/** "Chỉ số … (PCI), năm 2021": the indicator and period, as the summary opens. */
export function mapSubject(data: WidgetData, lang: Lang): string {
  const label = data.series[0]?.points[0]?.period.label ?? '';
  if (!label) return data.indicator.name;
  return `${data.indicator.name}, ${lang === 'vi' ? label[0]!.toLowerCase() + label.slice(1) : label}`;
}

/**
 * A map's data drawn at a width: the one drawing of `<chiso-map>` and of the gateway's map images.
 * Says when the values were combined onto (or broken at) the provinces of a later day.
 */
export function drawMap(data: WidgetData, topology: Topology, width: number, look: MapLook): MapDrawing {
  const figures = data.map!;
  const layer = layerOn(figures.at);
  const period = data.series[0]?.points[0]?.period.label ?? '';
  const notes: string[] = [];
  if (figures.composed && layer.validFrom && layer.basis) {
    const note = figures.rule === 'NONE' ? mapText[look.lang].indexNote : mapText[look.lang].composedNote;
    notes.push(note(period || data.indicator.name, figures.provinces.length, layerDay(layer.validFrom, look.lang), layer.basis));
  }
  return mapScene(
    {
      topology,
      provinces: figures.provinces,
      direction: data.indicator.direction,
      formatNumber: (value, decimals) => look.formatNumber(value, look.lang, decimals),
      scaleExponent: data.indicator.format.scaleExponent,
      decimals: data.indicator.format.decimals,
      unit: data.indicator.displayUnit,
      lang: look.lang,
      subject: mapSubject(data, look.lang),
      highlight: look.highlight,
      title: look.title,
      subtitle: look.subtitle,
      notes,
      theme: look.theme,
    },
    width,
  );
}
export { mapSvg } from '@chiso/charts/map/map-svg.ts';
