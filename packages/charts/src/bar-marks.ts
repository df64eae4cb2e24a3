import { barLayout } from './bar-layout.ts';
import type { ChartFrame, ChartMarks } from './chart-frame.ts';
import { valued } from './chart-frame.ts';
import { seriesColour } from './paint.ts';
import type { Mark } from './scene.ts';
import { textWidth, wrap } from './text-width.ts';

/**
 * Columns (or horizontal bars) from zero, one band per period, series side by side within it (the
 * first solid, the others hatched); each labelled with its value where the label fits. A bar's
 * period label wraps onto two lines rather than be cut.
 * @param categoryWidth the width of a bar chart's label column
 */
export function barMarks(frame: ChartFrame, horizontal: boolean, categoryWidth: number): ChartMarks {
  const { series, periods, t, left, right, top, bottom, scale, label, tip, labelFill } = frame;
  const marks: Mark[] = [];
  const labels: Mark[] = [];
  const length = horizontal ? bottom - top : right - left;
  const groups = barLayout(
    periods.map(() => 0),
    { length, thickness: 0, scale },
  );
  const base = scale(Math.max(scale.domain()[0]!, 0));
  const labelRoom = horizontal ? categoryWidth - 8 : Infinity;
  series.forEach((s, si) => {
    const group: Mark[] = [];
    periods.forEach((period, pi) => {
      const band = groups[pi]!;
      const index = s.points.findIndex((p) => p.period.code === period.code);
      const point = s.points[index];
      if (!valued(point)) return;
      const size = band.size / series.length;
      const offset = (horizontal ? top : left) + band.offset + si * size;
      const end = scale(point.value);
      const [x, y, w, h] = horizontal
        ? [Math.min(base, end), offset, Math.abs(end - base), size - 1]
        : [offset, Math.min(base, end), size - 1, Math.abs(end - base)];
      group.push({
        type: 'rect',
        className: 'bar',
        key: `p-${si}-${index}`,
        tip: tip(si, point),
        x,
        y,
        width: Math.max(w, 1),
        height: Math.max(h, 1),
        fill: seriesColour(si),
        hatch: si > 0,
      });
      const text = label(point);
      const negative = point.value < 0;
      if (horizontal) {
        labels.push({
          type: 'text',
          className: 'value-label',
          x: negative ? x - 4 : x + w + 4,
          y: y + h / 2 + t.label * 0.35,
          text,
          anchor: negative ? 'end' : 'start',
          size: t.label,
          fill: labelFill(si),
          halo: true,
        });
      } else if (textWidth(text, t.label * 0.8) <= size + 2) {
        // Over a narrow column the text shrinks to 80 %; where even that is too wide, the tooltip and the table say it.
        const fit = Math.min(t.label, (t.label * (size + 2)) / textWidth(text, t.label));
        labels.push({
          type: 'text',
          className: 'value-label',
          x: x + w / 2,
          y: negative ? y + h + 4 + fit : y - 4,
          text,
          anchor: 'middle',
          size: Math.round(fit * 10) / 10,
          fill: labelFill(si),
          halo: true,
        });
      }
    });
    marks.push({ type: 'group', className: 'series', marks: group });
  });
  const room = horizontal ? (bottom - top) / (t.tick * 1.3) : (right - left) / (Math.max(...periods.map((p) => textWidth(p.label, t.tick))) + 12);
  const every = Math.max(1, Math.ceil(periods.length / Math.max(1, Math.floor(room))));
  periods.forEach((p, pi) => {
    if (pi % every !== 0) return;
    const band = groups[pi]!;
    const mid = (horizontal ? top : left) + band.offset + band.size / 2;
    if (!horizontal) {
      marks.push({ type: 'text', className: 'category', x: mid, y: bottom + t.tick + 6, text: p.label, anchor: 'middle', size: t.tick, fill: 'muted' });
      return;
    }
    const lines = wrap(p.label, labelRoom, t.tick).slice(0, 2);
    lines.forEach((line, li) => {
      marks.push({
        type: 'text',
        className: 'category',
        x: left - 6,
        y: mid + t.tick * 0.35 + (li - (lines.length - 1) / 2) * t.tick * 1.15,
        text: line,
        anchor: 'end',
        size: t.tick,
        fill: 'muted',
      });
    });
  });
  return { marks, labels };
}
