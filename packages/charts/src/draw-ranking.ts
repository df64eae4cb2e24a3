import { shortValue } from './chart-frame.ts';
import { formatValue } from './format-value.ts';
import { linearScale } from './linear-scale.ts';
import type { Mark, Scene } from './scene.ts';
import { textWidth } from './text-width.ts';
import { typeScale } from './type-scale.ts';
import type { Lang } from './types.ts';
import type { WidgetData } from './widget-data.ts';

const WORDS = {
  vi: {
    missing: (n: number, level: string) => `${n} ${level === 'PROVINCE' ? 'tỉnh' : 'địa phương'} chưa có số liệu`,
    of: (n: number, name: string) => `Xếp hạng ${n} địa phương theo ${name}.`,
    none: 'không có số liệu',
  },
  en: {
    missing: (n: number, level: string) => `${n} ${level === 'PROVINCE' ? (n === 1 ? 'province' : 'provinces') : n === 1 ? 'unit' : 'units'} without data`,
    of: (n: number, name: string) => `Ranking of ${n} units by ${name}.`,
    none: 'no data',
  },
};

/**
 * Units ordered by value: rank and name, a bar from zero, the value after it; the highlighted
 * unit (the page's region) in its colour and bold. Units without data are not listed one by one:
 * one line says how many there are ("62 tỉnh chưa có số liệu"), and the highlighted unit, when it
 * is one of them, gets a line of its own. The name column is as wide as the longest name (at most
 * 55 % of the width: "6. Bà Rịa - Vũng Tàu" fits a phone).
 */
export function drawRanking({
  data,
  width,
  lang,
  highlight,
  level = 'PROVINCE',
}: {
  data: WidgetData;
  width: number;
  lang: Lang;
  highlight?: string | null;
  level?: string | null;
}): Scene {
  const t = typeScale(width);
  const w = WORDS[lang];
  const rows = data.ranking ?? [];
  const ranked = rows.filter((r) => r.value !== null && Number.isFinite(r.value));
  const missing = rows.filter((r) => !ranked.includes(r));
  const format = data.indicator.format;
  const row = Math.round(t.body * 1.8);
  const name = (r: (typeof rows)[number]) => `${r.rank ?? '–'}. ${r.name}`;
  const left = Math.min(width * 0.55, Math.max(0, ...ranked.map((r) => textWidth(name(r), t.body, r.code === highlight))) + 8);
  // Values without the unit's words, which the subtitle says once: "3,28", not "3,28 doanh nghiệp trên 1.000 dân" on every row.
  const short = (r: (typeof rows)[number]) => shortValue({ period: { code: '', start: '', end: '', label: '' }, value: r.value }, format, lang);
  const valueRoom = Math.max(0, ...ranked.map((r) => textWidth(short(r), t.label + 1))) + 8;
  const scale = linearScale(
    ranked.map((r) => r.value),
    [left, Math.max(left + 20, width - valueRoom)],
  );
  const zero = scale(Math.max(0, scale.domain()[0]!));
  const marks: Mark[] = [];
  let y = 0;
  for (const r of ranked) {
    const mark = r.code === highlight;
    const end = scale(r.value!);
    const text = short(r);
    marks.push({
      type: 'group',
      className: mark ? 'row highlight' : 'row',
      key: r.code,
      tip: `${name(r)}: ${formatValue(r.value, format, lang)}`,
      marks: [
        {
          type: 'text',
          className: mark ? 'label highlight' : 'label',
          x: 0,
          y: y + row * 0.68,
          text: name(r),
          size: t.body,
          weight: mark ? 'bold' : 'normal',
          fill: 'text',
        },
        {
          type: 'rect',
          className: mark ? 'bar highlight' : 'bar',
          x: Math.min(zero, end),
          y: y + row * 0.15,
          width: Math.max(1, Math.abs(end - zero)),
          height: row * 0.7,
          fill: mark ? 'highlight' : 'series-1',
        },
        { type: 'text', className: 'value', x: Math.max(zero, end) + 4, y: y + row * 0.68, text, size: t.label + 1, fill: 'muted' },
      ],
    });
    y += row;
  }
  const own = missing.find((r) => r.code === highlight);
  if (own) {
    marks.push({
      type: 'text',
      className: 'label highlight',
      x: 0,
      y: y + row * 0.68,
      text: `${own.name}: ${w.none}`,
      size: t.body,
      weight: 'bold',
      fill: 'text',
    });
    y += row;
  }
  if (missing.length) {
    marks.push({
      type: 'text',
      className: 'missing',
      x: 0,
      y: y + row * 0.68,
      text: w.missing(missing.length, level ?? 'PROVINCE'),
      size: t.body,
      fill: 'muted',
    });
    y += row;
  }
  return { width, height: Math.max(row, y), title: w.of(ranked.length, data.indicator.name), marks };
}
