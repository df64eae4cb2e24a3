import type { GeoPath } from 'd3-geo';
import { geoPath } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { PathMark } from '../scene.ts';
import { classOf } from './classify.ts';
import { NO_CLASS } from './map-legend.ts';
import type { MapInput, ProvinceValue } from './map-input.ts';
import { provinceText } from './map-summary.ts';

export type Province = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

/**
 * One path per province: filled by its class, hatched without one (no data, or a break), its tip
 * the name and what the map says of its value ("Quảng Ninh: 73,02 điểm"), its focus point at its
 * mainland's centroid (where the keyboard's tip shows, and what the arrow keys measure from).
 */
export function provinceMarks(features: readonly Province[], input: MapInput, path: GeoPath, classes: { breaks: number[]; colours: string[] }): PathMark[] {
  const byCode = new Map(input.provinces.map((p) => [p.code, p]));
  return features.map((f) => {
    const code = String(f.id ?? f.properties.code);
    const value: ProvinceValue = byCode.get(code) ?? { code, name: f.properties.name, value: null };
    const shown = value.value !== null && !value.break;
    const [x, y] = path.centroid(mainland(f));
    return {
      type: 'path',
      key: code,
      d: path(f) ?? '',
      fill: shown ? classes.colours[classOf(value.value!, classes.breaks)]! : NO_CLASS,
      stroke: 'background',
      strokeWidth: 0.5,
      hatch: !shown,
      tip: `${value.name}: ${provinceText(value, input)}`,
      focusPoint: { x: Math.round(x), y: Math.round(y) },
      className: 'province',
    };
  });
}

/** The largest polygon of a province: its mainland, where a tip or an outline belongs. */
export function mainland(f: Province): Feature<Polygon> {
  if (f.geometry.type === 'Polygon') return f as Feature<Polygon>;
  const path = geoPath();
  const polygons = f.geometry.coordinates.map((coordinates) => ({
    type: 'Feature' as const,
    properties: {},
    geometry: { type: 'Polygon' as const, coordinates },
  }));
  return polygons.reduce((a, b) => (path.area(b) > path.area(a) ? b : a));
}
