import type { WidgetData } from '../src/widget-data.ts';

/**
 * The fixtures every drawing is tested on, in Node (golden SVGs) and in Chromium (the element
 * draws the same marks): sample figures, not real data.
 */
const month = (m: number) => {
  const mm = String(m).padStart(2, '0');
  const last = new Date(Date.UTC(2021, m, 0)).getUTCDate();
  return { code: `2021-${mm}`, start: `2021-${mm}-01`, end: `2021-${mm}-${last}`, label: `Tháng ${m}/2021` };
};
const dossiers = { unit: { code: 'dossier', symbol: null, nameVi: 'hồ sơ', nameEn: 'dossiers' }, scaleExponent: 0, decimals: 0 };
const percent = { unit: { code: 'percent', symbol: '%', nameVi: 'phần trăm', nameEn: 'percent' }, scaleExponent: 0, decimals: 1 };
const source = [{ publisher: 'Dữ liệu mẫu', title: 'Không phải số liệu thật', url: null, publishedAt: '2021-07-05' }];

/** Two series of six months, one gap, and a third region without data. */
export const series: WidgetData = {
  indicator: { slug: 'dossiers_received', name: 'Hồ sơ tiếp nhận', displayUnit: 'hồ sơ', direction: 'NEUTRAL', format: dossiers },
  series: [
    { key: '49', name: 'Quảng Nam', points: [5200, 3900, 6100, 6400, null, 7000].map((value, i) => ({ period: month(i + 1), value })) },
    { key: '48', name: 'Đà Nẵng', points: [4100, 4300, 4800, 5100, 5600, 5900].map((value, i) => ({ period: month(i + 1), value })) },
    { key: '51', name: 'Quảng Ngãi', points: [] },
  ],
  sources: source,
  change: null,
};

/** Bars whose labels are long ranges ("15/12/2020 – 15/9/2021") and whose top value is off a round tick. */
export const ranges: WidgetData = {
  indicator: { slug: 'enterprises_new', name: 'Doanh nghiệp thành lập mới', displayUnit: 'doanh nghiệp', direction: 'HIGHER_IS_BETTER', format: { unit: { code: 'enterprise', symbol: null, nameVi: 'doanh nghiệp', nameEn: 'enterprises' }, scaleExponent: 0, decimals: 0 } },
  series: [
    {
      key: '49',
      name: 'Quảng Nam',
      points: [
        { period: { code: '2020-12-15/2021-09-15', start: '2020-12-15', end: '2021-09-15', label: '15/12/2020 – 15/9/2021' }, value: 892 },
        { period: { code: '2021-YTD-09', start: '2021-01-01', end: '2021-09-30', label: '9 tháng 2021' }, value: 640 },
      ],
    },
  ],
  sources: source,
};

/** A key figure that fell: the change is written "giảm 56,8 %". */
export const kpi: WidgetData = {
  indicator: { slug: 'fdi_registered', name: 'Vốn FDI đăng ký', displayUnit: 'triệu USD', direction: 'HIGHER_IS_BETTER', format: { unit: { code: 'USD', symbol: 'USD', nameVi: 'USD', nameEn: 'USD' }, scaleExponent: 6, decimals: 1 } },
  series: [{ key: '49', name: 'Quảng Nam', points: [{ period: { code: '2021-YTD-09', start: '2021-01-01', end: '2021-09-30', label: '9 tháng 2021' }, value: 14_700_000 }] }],
  sources: source,
  change: { basis: 'REPORTED', percent: -56.8, percentagePoints: null, absolute: null, previousValue: 34_000_000, previousValueBasis: 'DERIVED' },
};

const names = ['Quảng Ninh', 'Đà Nẵng', 'Bình Dương', 'Quảng Nam', 'Cao Bằng'];
/** Five provinces ranked and 58 without data; Quảng Nam (49) is the page's region. */
export const ranking: WidgetData = {
  indicator: { slug: 'on_time_rate', name: 'Tỷ lệ hồ sơ đúng hạn', displayUnit: '%', direction: 'HIGHER_IS_BETTER', format: percent },
  series: [{ key: 'on_time_rate', name: 'Tỷ lệ hồ sơ đúng hạn', points: [] }],
  sources: source,
  ranking: [
    ...[99.8, 98.2, 97.5, 96.1, 88.4].map((value, i) => ({ rank: i + 1, code: ['22', '48', '74', '49', '04'][i]!, name: names[i]!, value })),
    ...Array.from({ length: 58 }, (_, i) => ({ rank: null, code: String(100 + i), name: `Tỉnh ${i + 1}`, value: null })),
  ],
};

const part = (slug: string, name: string, value: number) => ({ indicator: { slug, name, displayUnit: '%', direction: 'NEUTRAL' as const, format: percent }, value, period: { code: '2021-YTD-09', start: '2021-01-01', end: '2021-09-30', label: '9 tháng 2021' } });
/** Shares of dossiers received: online, by post, four-step; the rest of 100 is named. */
export const share: WidgetData = {
  indicator: part('online', '', 0).indicator,
  series: [{ key: '49', name: 'Quảng Nam', points: [] }],
  sources: source,
  parts: [part('online', 'Nộp trực tuyến', 27.6), part('post', 'Qua bưu chính', 36.9), part('four_step', 'Dịch vụ công mức 4', 30)],
};
