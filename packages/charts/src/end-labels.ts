import type { ChartFrame } from './chart-frame.ts';
import { dodgeLabels } from './dodge-labels.ts';
import type { Mark } from './scene.ts';
import { textWidth } from './text-width.ts';

/** Where a line ends and what its label says. */
export interface LineEnd {
  /** The last point, in the scene's coordinates. */
  x: number;
  y: number;
  name: string;
  /** The last value as its label writes it ("66,74"). */
  value: string;
  fill: string;
}

/** Space between a name and its value, in em. */
const GAP = 0.7;

/** How wide an end label is with its value beside the name, and with the value under it. */
export function endLabelWidth(name: string, value: string, size: number): { beside: number; below: number } {
  const n = textWidth(name, size, true);
  const v = textWidth(value, size);
  return { beside: n + size * GAP + v, below: Math.max(n, v) };
}

/**
 * The labels at the ends of several lines: the series' name in bold and its last value, beside
 * it or under it (frame.endLabel), level with the last point; where lines end close together
 * the labels are moved apart (dodgeLabels) so that none overlaps another, in the order of the
 * lines' ends and within the plot.
 * @returns each end's marks, in the order given
 */
export function endLabels(ends: readonly LineEnd[], frame: Pick<ChartFrame, 't' | 'top' | 'bottom' | 'endLabel'>): Mark[][] {
  const size = frame.t.label;
  const line = Math.round(size * 1.3);
  const lines = frame.endLabel === 'beside' ? 1 : 2;
  // The name's line is centred on the point; the plot's headroom above its top is the value labels', free where lines are named.
  const tops = dodgeLabels(
    ends.map((e) => ({ y: e.y - line / 2, height: lines * line })),
    frame.top - size,
    frame.bottom,
  );
  return ends.map((end, i) => {
    const x = end.x + 8;
    const baseline = tops[i]! + line / 2 + size * 0.35;
    const name: Mark = { type: 'text', className: 'series-label', x, y: baseline, text: end.name, size, weight: 'bold', fill: end.fill, halo: true };
    const value: Mark =
      lines === 1
        ? {
            type: 'text',
            className: 'end-value',
            x: x + textWidth(end.name, size, true) + size * GAP,
            y: baseline,
            text: end.value,
            size,
            fill: end.fill,
            halo: true,
          }
        : { type: 'text', className: 'end-value', x, y: baseline + line, text: end.value, size, fill: end.fill, halo: true };
    return end.value ? [name, value] : [name];
  });
}
