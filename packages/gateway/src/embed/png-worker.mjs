// A piscina worker: one SVG in, one PNG out, parsed, rasterised and encoded by resvg on this
// thread so that the gateway's event loop keeps answering while an image is drawn. Plain
// JavaScript (not TypeScript) so that the same file runs under tsx, Vitest and the built gateway
// (dist/), whose worker threads have no TypeScript loader.
import { Resvg } from '@resvg/resvg-js';

/**
 * @param {{ svg: string, options: import('@resvg/resvg-js').ResvgRenderOptions }} task
 * @returns {Uint8Array} the PNG (structured-cloned back: about 100 KB, copied in well under a millisecond)
 */
export default function rasterise({ svg, options }) {
  return new Resvg(svg, options).render().asPng();
}
