/**
 * The `d` of one slice of a donut centred on 0,0: from `start` to `end` (fractions of the turn,
 * clockwise from twelve o'clock, as d3's arc measures angles) between two radii. Written out
 * rather than taken from d3-shape's arc, whose corner and padding options no slice here uses and
 * which would cost the bundle about 1.7 KB gzip.
 * @returns the path; a whole turn is drawn as two halves, since one SVG arc cannot close on itself
 */
export function donutArc(start: number, end: number, inner: number, outer: number): string {
  const turn = Math.min(1, Math.max(0, end - start));
  if (turn === 0) return '';
  if (turn > 0.9999) return `${donutArc(start, start + 0.5, inner, outer)}${donutArc(start + 0.5, start + 1, inner, outer)}`;
  const at = (r: number, t: number) => `${round(r * Math.sin(t * 2 * Math.PI))},${round(-r * Math.cos(t * 2 * Math.PI))}`;
  const large = turn > 0.5 ? 1 : 0;
  const [ri, ro] = [round(inner), round(outer)];
  return `M${at(outer, start)}A${ro},${ro},0,${large},1,${at(outer, end)}L${at(inner, end)}A${ri},${ri},0,${large},0,${at(inner, start)}Z`;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
