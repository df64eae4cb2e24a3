import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import type { Mark, Scene } from '../scene.ts';
import { classBreaks } from './classify.ts';
import { classColours } from './colours.ts';
import { boundaryAttribution } from './layers.ts';
import { legendMarks } from './map-legend.ts';
import type { MapInput } from './map-input.ts';
import { mapSummary } from './map-summary.ts';
import { mapText } from './map-text.ts';
import { mainland, provinceMarks, type Province } from './province-marks.ts';
import { wrapText } from './wrap-text.ts';

const PAD = 8;
/** From this width the legend stands beside the map; below it, under the map. */
const SIDE_BY_SIDE = 600;

/**
 * A choropleth of the provinces as a scene: one path per province (filled by class, hatched
 * without data or at a break), the page's province outlined, the archipelagos named, a legend of
 * class limits, provinces without data named, notes and the boundaries' attribution; its title is
 * the map's summary. Pure: the element and the gateway's images draw this scene for the same data
 * and width.
 */
export function mapScene(input: MapInput, width: number): Scene {
  const collection = feature(input.topology, input.topology.objects.provinces as GeometryCollection) as unknown as FeatureCollection<
    Polygon | MultiPolygon,
    { code: string; name: string }
  >;
  const values = input.provinces.flatMap((p) => (p.value !== null && !p.break ? [p.value] : []));
  const breaks = classBreaks(values);
  const colours = classColours(values.length ? breaks.length + 1 : 0, input.direction);

  const top = PAD;
  const side = width >= SIDE_BY_SIDE;
  // Beside the legend the map stops growing at 600 px: taller would not fit a laptop's screen.
  const mapWidth = side ? Math.min(600, Math.round(width * 0.58)) : width;
  const projection = geoMercator().fitWidth(mapWidth - 2 * PAD, collection);
  const path = geoPath(projection).digits(1);
  const [[, y0], [, y1]] = path.bounds(collection);
  const mapHeight = Math.ceil(y1 - y0);
  projection.translate([projection.translate()[0] + PAD, projection.translate()[1] - y0 + top]);

  const marks: Mark[] = [
    { type: 'group', key: 'provinces', className: 'provinces', marks: provinceMarks(collection.features as Province[], input, path, { breaks, colours }) },
  ];
  const outlined = input.highlight ? (collection.features as Province[]).find((f) => String(f.id) === input.highlight) : undefined;
  // The mainland only: a thick line round every reef of an archipelago would blot it out.
  if (outlined)
    marks.push({
      type: 'path',
      key: `highlight-${input.highlight}`,
      d: path(mainland(outlined)) ?? '',
      fill: 'none',
      stroke: 'text',
      strokeWidth: 2.5,
      className: 'highlight',
    });
  // The archipelagos are specks at this scale: named, as every Vietnamese map names them.
  for (const [word, lonLat] of [
    ['paracels', [111.9, 17.5]],
    ['spratlys', [114.5, 11.9]],
  ] as const) {
    const [x, y] = projection([lonLat[0], lonLat[1]])!;
    marks.push({
      type: 'text',
      x: Math.round(x),
      y: Math.round(y),
      text: mapText[input.lang][word],
      size: 10,
      fill: 'muted',
      anchor: 'middle',
      className: 'place',
    });
  }

  const legendX = side ? mapWidth + 8 : PAD;
  const legendTop = side ? top : top + mapHeight + 12;
  const legend = legendMarks({ input, breaks, colours, x: legendX, y: legendTop, width: side ? width - mapWidth - 8 - PAD : width - 2 * PAD });
  marks.push(...legend.marks);

  let bottom = Math.max(top + mapHeight, legend.bottom) + 10;
  for (const line of wrapText(boundaryAttribution[input.lang], width - 2 * PAD, 10)) {
    marks.push({ type: 'text', x: PAD, y: bottom + 10, text: line, size: 10, fill: 'muted', className: 'attribution' });
    bottom += 13;
  }
  return { width, height: Math.ceil(bottom + PAD), title: mapSummary(input), marks };
}
