import { formatValue } from './format-value.ts';
import { tableRows } from './table-rows.ts';
import type { Lang } from './types.ts';
import type { WidgetData } from './widget-data.ts';

/**
 * The texts of an indicator table: the header (period, then one column per series) and one row
 * per period, oldest first, with each value in the widgets' formats ("–" where a series has no
 * point). <chiso-table>, every element's table toggle and the table image all show these.
 */
export function tableCells(data: WidgetData, lang: Lang): { header: string[]; rows: Array<{ code: string; label: string; cells: string[] }> } {
  const format = data.indicator.format;
  return {
    header: [lang === 'vi' ? 'Kỳ' : 'Period', ...data.series.map((s) => s.name)],
    rows: tableRows(data.series).map((row) => ({
      code: row.code,
      label: row.label,
      cells: row.cells.map((p) => (p ? formatValue(p.value, format, lang, p.qualifier) : '–')),
    })),
  };
}
