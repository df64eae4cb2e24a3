import { formatChange } from './format-change.ts';
import { formatValue } from './format-value.ts';
import type { ChangeInfo, Lang, Point, Series, ValueFormat } from './types.ts';

type Kind = 'line' | 'column' | 'bar' | 'area';

const words = {
  vi: {
    kind: { line: 'Biểu đồ đường', column: 'Biểu đồ cột', bar: 'Biểu đồ thanh', area: 'Biểu đồ vùng' },
    from: 'từ',
    to: 'đến',
    low: 'Thấp nhất',
    high: 'cao nhất',
    latest: 'Mới nhất',
    yearEarlier: 'so với cùng kỳ năm trước',
    noData: 'không có số liệu',
  },
  en: {
    kind: { line: 'Line chart', column: 'Column chart', bar: 'Bar chart', area: 'Area chart' },
    from: 'from',
    to: 'to',
    low: 'Lowest',
    high: 'highest',
    latest: 'Latest',
    yearEarlier: 'on the same period a year earlier',
    noData: 'no data',
  },
} satisfies Record<Lang, unknown>;

interface Found {
  point: Point & { value: number };
  series: Series;
}

function hasValue(p: Point): p is Found['point'] {
  return p.value !== null && Number.isFinite(p.value);
}

/**
 * The text alternative of a chart, in the element's language: what kind of chart, of what, over
 * which periods, its lowest and highest values and the latest one with its change. A screen reader
 * user gets what a sighted reader takes from a glance, not every point (that is the table's job).
 * @param input.kind the chart kind, said first so the reader knows what is described
 * @param input.title the chart title; input.series names follow it after " – "
 * @param input.format how values and changes are written (formatValue, formatChange)
 * @param input.lang the element's language
 * @param input.change the change of the first series' latest value against the same period a
 *   year earlier; left out when null or absent
 * @returns e.g. "Biểu đồ đường: Hồ sơ tiếp nhận – Quảng Nam, từ Tháng 1/2021 đến Tháng 9/2021. …";
 *   "<title>: không có số liệu." when no series has a value
 */
export function summarizeSeries(input: { kind: Kind; title: string; series: Series[]; format: ValueFormat; lang: Lang; change?: ChangeInfo | null }): string {
  const { kind, title, series, format, lang } = input;
  const w = words[lang];
  const all: Found[] = series.flatMap((s) => s.points.filter(hasValue).map((point) => ({ point, series: s })));
  if (all.length === 0) return `${title}: ${w.noData}.`;
  const several = series.length > 1;
  const value = (f: Found) => formatValue(f.point.value, format, lang, f.point.qualifier);
  const where = (f: Found) => `(${several ? `${f.series.name}, ` : ''}${f.point.period.label})`;
  const names = series.map((s) => s.name).filter((n) => n && n !== title);
  // The range is the chart's whole time axis, gaps included, as a sighted reader sees it.
  const periods = series.flatMap((s) => s.points.map((p) => p.period));
  const first = periods.reduce((a, b) => (b.start < a.start ? b : a)).label;
  const last = periods.reduce((a, b) => (b.end > a.end ? b : a)).label;
  const range = first === last ? first : `${w.from} ${first} ${w.to} ${last}`;
  let text = `${w.kind[kind]}: ${[title, names.join(', ')].filter(Boolean).join(' – ')}, ${range}.`;
  if (all.length > 1) {
    // On a tie the first point found is named, so the text does not change between renders.
    const low = all.reduce((a, b) => (b.point.value < a.point.value ? b : a));
    const high = all.reduce((a, b) => (b.point.value > a.point.value ? b : a));
    text += ` ${w.low} ${value(low)} ${where(low)}, ${w.high} ${value(high)} ${where(high)}.`;
  }
  const latest = series.flatMap((s, i) => {
    const own = all.filter((f) => f.series === s);
    if (own.length === 0) return [];
    const found = own.reduce((a, b) => (b.point.period.end > a.point.period.end ? b : a));
    const change = i === 0 ? yearEarlier(input.change ?? null, format, lang) : '';
    return [`${value(found)} ${where(found)}${change}`];
  });
  return `${text} ${w.latest}: ${latest.join('; ')}.`;
}

/** ", +12,5 % so với cùng kỳ năm trước (theo nguồn)": the basis after the comparison reads as a sentence. */
function yearEarlier(change: ChangeInfo | null, format: ValueFormat, lang: Lang): string {
  if (!change) return '';
  const full = formatChange(change, format, lang);
  const bare = formatChange({ ...change, basis: 'COMPUTED' }, format, lang);
  return bare ? `, ${bare} ${words[lang].yearEarlier}${full.slice(bare.length)}` : '';
}
