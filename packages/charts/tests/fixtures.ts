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
  indicator: {
    slug: 'enterprises_new',
    name: 'Doanh nghiệp thành lập mới',
    displayUnit: 'doanh nghiệp',
    direction: 'HIGHER_IS_BETTER',
    format: { unit: { code: 'enterprise', symbol: null, nameVi: 'doanh nghiệp', nameEn: 'enterprises' }, scaleExponent: 0, decimals: 0 },
  },
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
  indicator: {
    slug: 'fdi_registered',
    name: 'Vốn FDI đăng ký',
    displayUnit: 'triệu USD',
    direction: 'HIGHER_IS_BETTER',
    format: { unit: { code: 'USD', symbol: 'USD', nameVi: 'USD', nameEn: 'USD' }, scaleExponent: 6, decimals: 1 },
  },
  series: [
    {
      key: '49',
      name: 'Quảng Nam',
      points: [{ period: { code: '2021-YTD-09', start: '2021-01-01', end: '2021-09-30', label: '9 tháng 2021' }, value: 14_700_000 }],
    },
  ],
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

const part = (slug: string, name: string, value: number) => ({
  indicator: { slug, name, displayUnit: '%', direction: 'NEUTRAL' as const, format: percent },
  value,
  period: { code: '2021-YTD-09', start: '2021-01-01', end: '2021-09-30', label: '9 tháng 2021' },
});
/** Shares of dossiers received: online, by post, four-step; the rest of 100 is named. */
export const share: WidgetData = {
  indicator: part('online', '', 0).indicator,
  series: [{ key: '49', name: 'Quảng Nam', points: [] }],
  sources: source,
  parts: [part('online', 'Nộp trực tuyến', 27.6), part('post', 'Qua bưu chính', 36.9), part('four_step', 'Dịch vụ công mức 4', 30)],
};

const provinces34 = [
  ['01', 'Hà Nội'],
  ['04', 'Cao Bằng'],
  ['08', 'Tuyên Quang'],
  ['11', 'Điện Biên'],
  ['12', 'Lai Châu'],
  ['14', 'Sơn La'],
  ['15', 'Lào Cai'],
  ['19', 'Thái Nguyên'],
  ['20', 'Lạng Sơn'],
  ['22', 'Quảng Ninh'],
  ['24', 'Bắc Ninh'],
  ['25', 'Phú Thọ'],
  ['31', 'Hải Phòng'],
  ['33', 'Hưng Yên'],
  ['37', 'Ninh Bình'],
  ['38', 'Thanh Hóa'],
  ['40', 'Nghệ An'],
  ['42', 'Hà Tĩnh'],
  ['44', 'Quảng Trị'],
  ['46', 'Huế'],
  ['48', 'Đà Nẵng'],
  ['51', 'Quảng Ngãi'],
  ['52', 'Gia Lai'],
  ['56', 'Khánh Hòa'],
  ['66', 'Đắk Lắk'],
  ['68', 'Lâm Đồng'],
  ['75', 'Đồng Nai'],
  ['79', 'Hồ Chí Minh'],
  ['80', 'Tây Ninh'],
  ['82', 'Đồng Tháp'],
  ['86', 'Vĩnh Long'],
  ['91', 'An Giang'],
  ['92', 'Cần Thơ'],
  ['96', 'Cà Mau'],
] as const;
const year2021 = { code: '2021', start: '2021-01-01', end: '2021-12-31', label: 'Năm 2021' };
/** Sample scores, not the real PCI: two provinces without data, Đà Nẵng and Quảng Ngãi merged (a break). */
const mapValue = (code: string, i: number): { value: number | null; break?: boolean; composedOf?: string[] } =>
  code === '48'
    ? { value: null, break: true, composedOf: ['Đà Nẵng', 'Quảng Nam'] }
    : code === '51'
      ? { value: null, break: true, composedOf: ['Quảng Ngãi', 'Kon Tum'] }
      : code === '11' || code === '12'
        ? { value: null }
        : { value: Math.round((58 + ((i * 37) % 150) / 10) * 100) / 100 };

/** A composite index of 2021 drawn on the 34 provinces from 1/7/2025: classes, no data, breaks and the note that says so. */
export const map: WidgetData = {
  indicator: {
    slug: 'pci_score',
    name: 'Chỉ số PCI (mẫu)',
    displayUnit: 'điểm',
    direction: 'HIGHER_IS_BETTER',
    format: { unit: { code: 'point', symbol: null, nameVi: 'điểm', nameEn: 'points' }, scaleExponent: 0, decimals: 2 },
  },
  series: [
    {
      key: 'pci_score',
      name: 'Chỉ số PCI (mẫu)',
      points: provinces34.flatMap(([code], i) => {
        const v = mapValue(code, i).value;
        return v === null ? [] : [{ period: year2021, value: v }];
      }),
    },
  ],
  sources: source,
  ranking: provinces34.map(([code, name], i) => ({ rank: null, code, name, value: mapValue(code, i).value })),
  map: { at: '2025-07-01', composed: true, rule: 'NONE', provinces: provinces34.map(([code, name], i) => ({ code, name, ...mapValue(code, i) })) },
};

const year = (y: number) => ({ code: String(y), start: `${y}-01-01`, end: `${y}-12-31`, label: `Năm ${y}` });
/** Three lines of a score whose last values lie close together (66,74 and 66,52): their end labels must not overlap. */
export const closeEnds: WidgetData = {
  indicator: {
    slug: 'pci_score',
    name: 'Chỉ số PCI (mẫu)',
    displayUnit: 'điểm',
    direction: 'HIGHER_IS_BETTER',
    format: { unit: { code: 'point', symbol: null, nameVi: 'điểm', nameEn: 'points' }, scaleExponent: 0, decimals: 2 },
  },
  series: [
    { key: '49', name: 'Quảng Nam', points: [65.41, 65.86, 69.42, 65.72, 66.24, 66.52].map((value, i) => ({ period: year(2017 + i), value })) },
    { key: '48', name: 'Đà Nẵng', points: [70.11, 67.65, 70.15, 70.12, 70.42, 68.52].map((value, i) => ({ period: year(2017 + i), value })) },
    { key: '01', name: 'Hà Nội', points: [64.71, 65.4, 68.8, 66.92, 68.6, 66.74].map((value, i) => ({ period: year(2017 + i), value })) },
  ],
  sources: source,
};
