import { stringify } from 'csv-stringify/sync';
import { loadExcelJS } from './exceljs.ts';
import { ownColumns } from './mapping.ts';

/** What each column of chiso's own format holds (the template's second sheet and the docs say the same). */
export const columnHelp: Record<(typeof ownColumns)[number], string> = {
  indicator: 'Indicator slug from the catalogue (required), e.g. dossiers_received',
  region: 'Region code valid for the whole period (required): 49 Quảng Nam until 2025-06-30, 48 Đà Nẵng from 2025-07-01, VN the country',
  period: 'Period (required): 2021, 2021-Q3, 2021-09, 2021-YTD-09 (January to September), 2020-12-15/2021-09-15, 2021-10-10',
  value: "Value in the unit's base (required): 54913, 99.8, 14700000 for 14,7 triệu USD; plain numbers unless the import states vi or en",
  source: 'Source key from the catalogue (required), e.g. nld-2021-10-10-quang-nam',
  qualifier: 'EXACT (default), MORE_THAN ("trên 90 %"), LESS_THAN, APPROXIMATELY',
  status: 'PROVISIONAL (default) or FINAL',
  change_percent: 'Change the source reported, in percent (-56.8)',
  change_absolute: "Change the source reported, in the indicator's unit (-1)",
  change_against: 'What a reported change compares against: SAME_PERIOD_LAST_YEAR or PREVIOUS_PERIOD',
  note: 'Anything the reader should know about this figure',
};

const examples: string[][] = [
  [
    'dossiers_received',
    '49',
    '2020-12-15/2021-09-15',
    '54913',
    'nld-2021-10-10-quang-nam',
    'EXACT',
    'PROVISIONAL',
    '',
    '',
    '',
    'Dossiers received by the provincial centre',
  ],
  ['fdi_capital_registered', '49', '2021-YTD-09', '14700000', 'nld-2021-10-10-quang-nam', 'EXACT', 'PROVISIONAL', '-56.8', '', 'SAME_PERIOD_LAST_YEAR', ''],
];

/** The template in chiso's own format as CSV: the header and two example rows. */
export function templateCsv(): string {
  return stringify([[...ownColumns], ...examples]);
}

/** The template as XLSX: a sheet to fill in (header and examples, codes and periods as text) and a sheet that explains each column. */
export async function templateXlsx(): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  workbook.creator = 'chiso';
  const data = workbook.addWorksheet('observations');
  data.columns = ownColumns.map((c) => ({
    header: c,
    key: c,
    width: Math.max(14, c.length + 2),
    style: { numFmt: c === 'value' || c.startsWith('change_p') || c === 'change_absolute' ? 'General' : '@' },
  }));
  for (const row of examples) {
    data.addRow(row.map((cell, i) => (['value', 'change_percent', 'change_absolute'].includes(ownColumns[i]!) && cell !== '' ? Number(cell) : cell)));
  }
  data.getRow(1).font = { bold: true };
  data.views = [{ state: 'frozen', ySplit: 1 }];
  const help = workbook.addWorksheet('columns');
  help.columns = [
    { header: 'column', key: 'column', width: 18 },
    { header: 'what it holds', key: 'help', width: 110 },
  ];
  for (const c of ownColumns) help.addRow({ column: c, help: columnHelp[c] });
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
