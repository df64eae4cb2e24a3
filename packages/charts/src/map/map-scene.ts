import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import type { Mark, Scene } from '../scene.ts';
import { classBreaks, classOf } from './classify.ts';
import { classColours } from './colours.ts';
import { legendMarks, mapLook } from './map-legend.ts';
import type { MapInput, ProvinceSpot, ProvinceValue } from './map-input.ts';
import { mapSummary, provinceText } from './map-summary.ts';
import { mapText } from './map-text.ts';
import { boundaryAttribution } from './layers.ts';
import { wrapText } from './wrap-text.ts';

type Province = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

export interface MapDrawing {
  scene: Scene;
  /** The provinces north to south: the keyboard's order. */
  spots: ProvinceSpot[];
  /** Inner class limits, ascending, and each class's fill. */
  breaks: number[];
  colours: string[];
}

const PAD = 8;
/** From this width the legend stands beside the map; below it, under the map. */
const SIDE_BY_SIDE = 600;

/**
 * A choropleth of the provinces as a scene: one path per province (filled by class, hatched
 * without data or at a break), the page's province outlined, the archipelagos named, a legend of
 * class limits, provinces without data named, notes and the boundaries' attribution. Pure: the
 * element and the gateway's images draw the same scene for the same data and width.
 */
export function mapScene(input: MapInput, width: number): MapDrawing {
  const look = mapLook(input.theme);
  const collection = feature(input.topology, input.topology.objects.provinces as GeometryCollection) as unknown as FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
  const byCode = new Map(input.provinces.map((p) => [p.code, p]));
  const values = input.provinces.flatMap((p) => (p.value !== null && !p.break ? [p.value] : []));
  const breaks = classBreaks(values);
  const colours = classColours(values.length ? breaks.length + 1 : 0, input.direction);

  const marks: Mark[] = [];
  let top = PAD;
  if (input.title) {
    for (const line of wrapText(input.title, width - 2 * PAD, 16)) {
      marks.push({ type: 'text', x: PAD, y: top + 14, text: line, size: 16, weight: 'bold', fill: look.text, className: 'title' });
      top += 20;
    }
  }
  if (input.subtitle) {
    marks.push({ type: 'text', x: PAD, y: top + 12, text: input.subtitle, size: 12, fill: look.muted, className: 'subtitle' });
    top += 20;
  }

  const side = width >= SIDE_BY_SIDE;
  // Beside the legend the map stops growing at 600 px: taller would not fit a laptop's screen.
  const mapWidth = side ? Math.min(600, Math.round(width * 0.58)) : width;
  const projection = geoMercator().fitWidth(mapWidth - 2 * PAD, collection);
  const path = geoPath(projection).digits(1);
  const [[, y0], [, y1]] = path.bounds(collection);
  const mapHeight = Math.ceil(y1 - y0);
  projection.translate([projection.translate()[0] + PAD, projection.translate()[1] - y0 + top]);

  const provinces: Mark[] = [];
  const spots: ProvinceSpot[] = [];
  for (const f of collection.features as Province[]) {
    const code = String(f.id ?? f.properties.code);
    const value: ProvinceValue = byCode.get(code) ?? { code, name: f.properties.name, value: null };
    const shown = value.value !== null && !value.break;
    const text = provinceText(value, input);
    const tip = `${value.name}: ${text}`;
    provinces.push({
      type: 'path',
      key: code,
      d: path(f) ?? '',
      fill: shown ? colours[classOf(value.value!, breaks)]! : look.noData,
      stroke: look.border,
      strokeWidth: 0.5,
      hatch: !shown,
      tip,
      className: 'province',
    });
    const [x, y] = path.centroid(mainland(f));
    spots.push({ code, name: value.name, text, tip, x: Math.round(x), y: Math.round(y) });
  }
  marks.push({ type: 'group', key: 'provinces', className: 'provinces', marks: provinces });

  const outlined = input.highlight ? collection.features.find((f) => String(f.id) === input.highlight) : undefined;
  // The mainland only: a thick line round every reef of an archipelago would blot it out.
  if (outlined) marks.push({ type: 'path', key: `highlight-${input.highlight}`, d: path(mainland(outlined as Province)) ?? '', fill: 'none', stroke: look.text, strokeWidth: 2.5, className: 'highlight' });
  // The archipelagos are specks at this scale: named, as every Vietnamese map names them.
  for (const [word, lonLat] of [['paracels', [111.9, 17.5]], ['spratlys', [114.5, 11.9]]] as const) {
    const [x, y] = projection([lonLat[0], lonLat[1]])!;
    marks.push({ type: 'text', x: Math.round(x), y: Math.round(y), text: mapText[input.lang][word], size: 10, fill: look.muted, anchor: 'middle', className: 'place' });
  }

  const legendX = side ? mapWidth + 8 : PAD;
  const legendTop = side ? top : top + mapHeight + 12;
  const legend = legendMarks({ input, breaks, colours, x: legendX, y: legendTop, width: side ? width - mapWidth - 8 - PAD : width - 2 * PAD, look });
  marks.push(...legend.marks);

  let bottom = Math.max(top + mapHeight, legend.bottom) + 10;
  const credit = wrapText(boundaryAttribution[input.lang], width - 2 * PAD, 10);
  for (const line of credit) {
    marks.push({ type: 'text', x: PAD, y: bottom + 10, text: line, size: 10, fill: look.muted, className: 'attribution' });
    bottom += 13;
  }
  spots.sort((a, b) => a.y - b.y || a.x - b.x);
  return { scene: { width, height: Math.ceil(bottom + PAD), title: mapSummary(input), marks }, spots, breaks, colours };
}

/** The largest polygon of a province: its mainland, where a label or a focus tip belongs. */
function mainland(f: Province): Feature<Polygon> {
  if (f.geometry.type === 'Polygon') return f as Feature<Polygon>;
  const path = geoPath();
  const polygons = f.geometry.coordinates.map((coordinates) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates } }));
  return polygons.reduce((a, b) => (path.area(b) > path.area(a) ? b : a));
}
