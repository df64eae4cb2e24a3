import { describe, expect, it } from 'vitest';
import { drawChart } from '../src/draw-chart.ts';
import type { Mark, TextMark } from '../src/scene.ts';
import { textWidth } from '../src/text-width.ts';
import { closeEnds } from './fixtures.ts';

const flat = (marks: Mark[]): Mark[] => marks.flatMap((m) => (m.type === 'group' ? flat(m.marks) : [m]));
/** A text's box as the drawing estimates it: the line's height above the baseline, its estimated width. */
const box = (t: TextMark) => ({ left: t.x, right: t.x + textWidth(t.text, t.size, t.weight === 'bold'), top: t.y - t.size, bottom: t.y, text: t.text });
const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe.each([608, 343])('end labels of lines ending close together, at %i px', (width) => {
  const scene = drawChart({ data: closeEnds, type: 'line', width, lang: 'vi', title: 'PCI' });
  const texts = flat(scene.marks).filter((m): m is TextMark => m.type === 'text' && (m.className === 'series-label' || m.className === 'end-value'));

  it('names every line with its last value, in its colour', () => {
    expect(texts.map((t) => t.text)).toEqual(['Quảng Nam', '66,52', 'Đà Nẵng', '68,52', 'Hà Nội', '66,74']);
    expect(texts.find((t) => t.text === '66,74')!.fill).toBe('series-3');
  });

  it('keeps them apart: no two overlap, Hà Nội (66,74) above Quảng Nam (66,52), all inside the drawing', () => {
    const boxes = texts.map(box);
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(overlap(a, b), `${a.text} / ${b.text}`).toBe(false);
    const y = (name: string) => texts.find((t) => t.text === name)!.y;
    expect(y('Hà Nội')).toBeLessThan(y('Quảng Nam'));
    for (const b of boxes) expect(b.top >= 0 && b.bottom <= scene.height && b.right <= width + 1).toBe(true);
  });
});
