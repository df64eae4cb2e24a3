/**
 * What `<chiso-map>` fetches when it first draws, as a chunk of its own (a dynamic import), so
 * that no page's main bundle holds the map's drawing code: the drawing (d3-geo, topojson) and
 * the loader of the boundaries, each layer a further chunk of its own.
 */
import { layerOn, loadLayer, type Topology } from '@chiso/charts/map/layers';
import { moveFrom, spotsOf } from '@chiso/charts/map/province-moves';
import type { WidgetData } from '@chiso/charts/widget-data';

export { drawMap, provinceTexts } from '@chiso/charts/draw-map';
export { moveFrom, spotsOf };

/** The boundaries of the provinces a map's data is drawn on (fetched once per layer). */
export function mapGeometry(data: WidgetData): Promise<Topology> {
  return loadLayer(layerOn(data.map!.at).id);
}
