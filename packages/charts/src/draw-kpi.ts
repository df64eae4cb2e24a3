import { formatChange } from './format-change.ts';
import { formatValue } from './format-value.ts';
import type { Mark, Scene } from './scene.ts';
import { textWidth, wrap } from './text-width.ts';
import { typeScale } from './type-scale.ts';
import type { ChangeInfo, Lang, Point } from './types.ts';
import type { WidgetData } from './widget-data.ts';

const WORDS = {
  vi: {
    up: 'tăng',
    down: 'giảm',
    same: 'không đổi',
    none: 'chưa có số liệu so sánh',
    derived: 'Cùng kỳ năm trước (ước tính từ mức thay đổi):',
    empty: 'Không có số liệu',
  },
  en: {
    up: 'up',
    down: 'down',
    same: 'unchanged',
    none: 'no comparison available',
    derived: 'A year earlier (derived from the reported change):',
    empty: 'No data',
  },
} satisfies Record<Lang, Record<string, string>>;

/** The point a KPI shows: the one of `period`, else the latest; and its change against a year earlier. */
export function kpiPoint(data: WidgetData, period?: string | null): { point: Point | undefined; change: ChangeInfo | null } {
  const points = data.series[0]?.points ?? [];
  const point = (period ? points.find((p) => p.period.code === period) : undefined) ?? points.at(-1);
  const change = point ? (data.changes?.[point.period.code] ?? (point === points.at(-1) ? (data.change ?? null) : null)) : null;
  return { point, change };
}

/**
 * A key figure: the value, as large as the width allows (up to 40 px); under it the change
 * against a year earlier as newsrooms write it, one sign only ("▼ giảm 56,8 %": the arrow is a
 * shape, the words say the direction, the number has no minus), coloured by whether the change
 * is good news for the indicator's direction; a prior value derived from a reported change is
 * said to be an estimate.
 */
export function drawKpi({ data, width, lang, period }: { data: WidgetData; width: number; lang: Lang; period?: string | null }): Scene {
  const t = typeScale(width);
  const w = WORDS[lang];
  const { point, change } = kpiPoint(data, period);
  const format = data.indicator.format;
  const marks: Mark[] = [];
  const value = point ? formatValue(point.value, format, lang, point.qualifier) : w.empty;
  const size = Math.max(20, Math.min(40, Math.floor((40 * (width - 4)) / textWidth(value, 40, true))));
  marks.push({ type: 'text', className: 'value', x: 0, y: size, text: value, size, weight: 'bold', fill: 'text' });
  let y = size + 12;
  const line = (text: string, fill: string, className: string, into: Mark[], x = 0) => {
    for (const part of wrap(text, width - x, t.body + 2)) {
      y += (t.body + 2) * 1.35;
      into.push({ type: 'text', className, x, y, text: part, size: t.body + 2, fill });
    }
  };
  if (point && change) {
    const delta = change.percentagePoints ?? change.percent ?? change.absolute ?? 0;
    const tone =
      data.indicator.direction === 'NEUTRAL' || delta === 0
        ? 'muted'
        : delta > 0 === (data.indicator.direction === 'HIGHER_IS_BETTER')
          ? 'positive'
          : 'negative';
    const a = t.body * 0.9;
    const cy = y + (t.body + 2) * 1.35 - (t.body + 2) * 0.35;
    const d =
      delta > 0
        ? `M0,${cy + a / 2}l${a / 2},${-a}l${a / 2},${a}z`
        : delta < 0
          ? `M0,${cy - a / 2}l${a / 2},${a}l${a / 2},${-a}z`
          : `M0,${cy - a / 3}h${a}v${(2 * a) / 3}h${-a}z`;
    const group: Mark[] = [{ type: 'path', className: 'arrow', d, fill: tone }];
    line(`${delta > 0 ? w.up : delta < 0 ? w.down : w.same} ${formatChange(change, format, lang, { signed: false })}`, tone, 'change-text', group, a + 6);
    marks.push({ type: 'group', className: 'change', marks: group });
    if (change.previousValueBasis === 'DERIVED' && change.previousValue !== null)
      line(`${w.derived} ${formatValue(change.previousValue, format, lang, 'APPROXIMATELY')}`, 'muted', 'derived', marks);
  } else if (point) line(w.none, 'muted', 'change', marks);
  const title = point ? `${value}${change ? `, ${formatChange(change, format, lang)}` : ''}` : value;
  return { width, height: Math.ceil(y + 8), title, marks };
}
