import { donutArc } from './donut-arc.ts';
import { formatValue } from './format-value.ts';
import { seriesColour } from './paint.ts';
import type { Mark, Scene } from './scene.ts';
import { stackShares } from './stack-shares.ts';
import { wrap } from './text-width.ts';
import { typeScale } from './type-scale.ts';
import type { Lang } from './types.ts';
import type { WidgetData } from './widget-data.ts';

const WORDS = {
  vi: { remainder: 'Còn lại', overlap: 'Các phần có thể trùng nhau, tổng vượt 100 %.' },
  en: { remainder: 'Other', overlap: 'The parts may overlap: they add up to more than 100%.' },
} satisfies Record<Lang, Record<string, string>>;

/**
 * Parts of a whole in percent, as a stacked bar (default) or a donut, then one line per part with
 * its name and value. Every other part is hatched, so that neighbours differ without colour; the
 * rest of 100 is named, and parts that add up to more than 100 are said to overlap.
 */
export function drawShare({ data, width, lang, type }: { data: WidgetData; width: number; lang: Lang; type?: string | null }): Scene {
  const t = typeScale(width);
  const parts = data.parts ?? [];
  const stack = stackShares(parts.map((p) => ({ key: p.indicator.slug, value: p.value })));
  const indicator = new Map(parts.map((p) => [p.indicator.slug, p.indicator]));
  const text = (key: string, value: number) => `${indicator.get(key)?.name}: ${formatValue(value, indicator.get(key)!.format, lang)}`;
  const total = Math.max(100, stack.segments.at(-1)?.end ?? 100);
  const marks: Mark[] = [];
  const donut = type === 'donut';
  const paint = (i: number) => ({ fill: seriesColour(i), hatch: i % 2 === 1 });
  if (donut) {
    const outer = Math.min(100, width / 2 - 4);
    const slices: Mark[] = stack.segments.map((s, i) => ({
      type: 'path',
      className: 'part',
      key: s.key,
      tip: text(s.key, s.value),
      d: donutArc(s.start / total, s.end / total, outer * 0.55, outer),
      ...paint(i),
      stroke: 'background',
      strokeWidth: 1,
    }));
    marks.push({ type: 'group', dx: width / 2, dy: outer + 4, marks: slices });
  } else {
    stack.segments.forEach((s, i) => {
      const x = (s.start / total) * width;
      marks.push({
        type: 'rect',
        className: 'part',
        key: s.key,
        tip: text(s.key, s.value),
        x,
        y: 0,
        width: Math.max(0, ((s.end - s.start) / total) * width - 1),
        height: 36,
        ...paint(i),
      });
    });
  }
  let y = donut ? Math.min(100, width / 2 - 4) * 2 + 20 : 52;
  const size = t.body + 1;
  // One group per part, its name wrapped onto as many lines as it needs; all of them one legend.
  const legend: Mark[] = [];
  // A line of the legend: its swatch, painted with `colours`, and its label.
  const legendLine = (label: string, colours: Pick<Extract<Mark, { type: 'rect' }>, 'fill' | 'stroke' | 'hatch'>) => {
    const item: Mark[] = [{ type: 'rect', className: 'swatch', x: 0, y: y + 2, width: size, height: size, strokeWidth: 1, ...colours }];
    for (const line of wrap(label, width - size * 1.6, size)) {
      item.push({ type: 'text', className: 'legend-label', x: size * 1.6, y: y + size, text: line, size, fill: 'text' });
      y += size * 1.45;
    }
    legend.push({ type: 'group', className: 'legend-item', marks: item });
    y += 4;
  };
  stack.segments.forEach((s, i) => {
    legendLine(text(s.key, s.value), { ...paint(i), stroke: seriesColour(i) });
  });
  if (stack.remainder > 0 && !stack.overlap && parts[0]) {
    legendLine(`${WORDS[lang].remainder}: ${formatValue(stack.remainder, parts[0].indicator.format, lang)}`, { fill: 'background', stroke: 'muted' });
  }
  marks.push({ type: 'group', className: 'legend', marks: legend });
  if (stack.overlap) {
    for (const line of wrap(WORDS[lang].overlap, width, size - 1)) {
      marks.push({ type: 'text', className: 'note', x: 0, y: y + size, text: line, size: size - 1, fill: 'muted' });
      y += size * 1.4;
    }
  }
  const title = stack.segments.map((s) => text(s.key, s.value)).join('; ');
  return { width, height: Math.ceil(y + 4), title, marks };
}
