import { areaPath } from './area-path.ts';
import type { ChartFrame, ChartMarks } from './chart-frame.ts';
import { valued } from './chart-frame.ts';
import { linePath } from './line-path.ts';
import { seriesColour } from './paint.ts';
import { endLabels, type LineEnd } from './end-labels.ts';
import type { Mark } from './scene.ts';
import { textWidth } from './text-width.ts';
import { timeScale } from './time-scale.ts';

/** Every point of a single line or area is labelled when there are at most this many, about 40 px apart; otherwise only the last of each series. */
const MAX_LABELLED_POINTS = 12;
const LABEL_SPACING = 40;
/** Marker shapes per series (relative to the point), so that colour is never the only cue. */
const SHAPES = ['m-4,0a4,4 0 1,0 8,0a4,4 0 1,0 -8,0', 'm-4,-4h8v8h-8z', 'm0,-5l5,9h-10z', 'm0,-5l5,5l-5,5l-5,-5z', 'm-4,-1h8v2h-8z', 'm-1,-4h2v8h-2z'];

/**
 * Which of n evenly spaced labels to write when about `room` fit side by side: every k-th from
 * the first; where fewer than two fit by that rule, the first and the last.
 */
function spacedLabels(n: number, room: number): number[] {
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(room))));
  const picked = Array.from({ length: n }, (_, i) => i).filter((i) => i % every === 0);
  return picked.length < 2 && n > 1 && room >= 1.6 ? [0, n - 1] : picked;
}

/**
 * Lines (and areas under them) on a time axis: a point sits at the middle of its period; a gap
 * breaks the line; every point has a marker of its series' shape; several lines end in a label
 * of their name and last value, the labels moved apart where lines end close together.
 */
export function lineMarks(frame: ChartFrame, area: boolean): ChartMarks {
  const { series, periods, t, left, right, bottom, scale, label, tip, labelFill } = frame;
  const named = series.length > 1;
  const marks: Mark[] = [];
  const labels: Mark[] = [];
  const x = timeScale(
    series.flatMap((s) => s.points),
    [left, right],
  );
  const ends: Array<LineEnd & { group: Mark[] }> = [];
  series.forEach((s, si) => {
    const colour = seriesColour(si);
    const xy = s.points.map((p) => ({ x: x(p), y: valued(p) ? scale(p.value) : null }));
    const group: Mark[] = [];
    if (area) group.push({ type: 'path', className: 'area', d: areaPath(xy, scale(Math.max(0, scale.domain()[0]!))), fill: colour, opacity: 0.25 });
    group.push({ type: 'path', className: 'line', d: linePath(xy), stroke: colour, strokeWidth: 2.5 });
    const shown = s.points.filter(valued);
    s.points.forEach((p, i) => {
      if (!valued(p)) return;
      const at = xy[i]!;
      group.push({
        type: 'path',
        className: 'marker',
        key: `p-${si}-${i}`,
        tip: tip(si, p),
        d: `M${at.x},${at.y}${SHAPES[si % SHAPES.length]}`,
        fill: colour,
        stroke: 'background',
        strokeWidth: 1.5,
      });
      const every = series.length === 1 && shown.length <= MAX_LABELLED_POINTS && (right - left) / shown.length >= LABEL_SPACING;
      // Several lines: the last value is in the line's end label.
      if ((!every && p !== shown.at(-1)) || named) return;
      labels.push({
        type: 'text',
        className: 'value-label',
        x: at.x,
        y: at.y! - 8,
        text: label(p),
        anchor: 'middle',
        size: t.label,
        fill: labelFill(si),
        halo: true,
      });
    });
    const last = xy.findLast((p) => p.y !== null);
    if (named && last) ends.push({ x: last.x, y: last.y!, name: s.name, value: label(shown.at(-1)!), fill: colour, group });
    marks.push({ type: 'group', className: 'series', marks: group });
  });
  endLabels(ends, frame).forEach((marks, i) => {
    ends[i]!.group.push(...marks);
  });
  const shown = spacedLabels(periods.length, (right - left) / (Math.max(...periods.map((p) => textWidth(p.label, t.tick))) + 12));
  for (const i of shown) {
    // The first and last of a sparse axis are set flush with their point, so neither leaves the chart.
    const anchor = shown.length === 2 && shown[1] === periods.length - 1 && periods.length > 2 ? (i === 0 ? 'start' : 'end') : 'middle';
    const at = x({ period: periods[i]!, value: null });
    marks.push({
      type: 'text',
      className: 'category',
      x: anchor === 'start' ? Math.max(0, at - 10) : anchor === 'end' ? at + 10 : at,
      y: bottom + t.tick + 6,
      text: periods[i]!.label,
      anchor,
      size: t.tick,
      fill: 'muted',
    });
  }
  return { marks, labels };
}
