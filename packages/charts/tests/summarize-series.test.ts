import { describe, expect, it } from 'vitest';
import { summarizeSeries } from '../src/summarize-series.ts';
import type { ChangeInfo, Lang, Point, Series, ValueFormat } from '../src/types.ts';
import { dossiers } from './formats.ts';

const percent: ValueFormat = {
  unit: { code: 'percent', symbol: '%', nameVi: 'phần trăm', nameEn: 'percent' },
  scaleExponent: 0,
  decimals: 0,
};
const monthsEn = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September'];

function months(values: Array<number | null>, lang: Lang): Point[] {
  return values.map((value, i) => {
    const month = String(i + 1).padStart(2, '0');
    const label = lang === 'vi' ? `Tháng ${i + 1}/2021` : `${monthsEn[i]} 2021`;
    return { period: { code: `2021-${month}`, start: `2021-${month}-01`, end: `2021-${month}-28`, label }, value };
  });
}

const received = [3000, 1200, 4000, 4500, 5000, 5200, 6000, 7000, 7800];
const up: ChangeInfo = {
  basis: 'COMPUTED',
  percent: 12.5,
  percentagePoints: null,
  absolute: 867,
  previousValue: 6933,
  previousValueBasis: 'REPORTED',
};

function quangNam(lang: Lang, values: Array<number | null> = received): Series {
  return { key: '49', name: lang === 'vi' ? 'Quảng Nam' : 'Quang Nam', points: months(values, lang) };
}

/** Summaries are compared as read: the non-breaking spaces of the formats as spaces. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('summarizeSeries', () => {
  it('describes a line chart of one region in Vietnamese', () => {
    const text = summarizeSeries({
      kind: 'line',
      title: 'Hồ sơ tiếp nhận',
      series: [quangNam('vi')],
      format: dossiers,
      lang: 'vi',
      change: up,
    });
    expect(plain(text)).toBe(
      'Biểu đồ đường: Hồ sơ tiếp nhận – Quảng Nam, từ Tháng 1/2021 đến Tháng 9/2021. ' +
        'Thấp nhất 1.200 hồ sơ (Tháng 2/2021), cao nhất 7.800 hồ sơ (Tháng 9/2021). ' +
        'Mới nhất: 7.800 hồ sơ (Tháng 9/2021), +12,5 % so với cùng kỳ năm trước.',
    );
  });

  it('describes a line chart of one region in English', () => {
    const text = summarizeSeries({
      kind: 'line',
      title: 'Dossiers received',
      series: [quangNam('en')],
      format: dossiers,
      lang: 'en',
      change: up,
    });
    expect(plain(text)).toBe(
      'Line chart: Dossiers received – Quang Nam, from January 2021 to September 2021. ' +
        'Lowest 1,200 dossiers (February 2021), highest 7,800 dossiers (September 2021). ' +
        'Latest: 7,800 dossiers (September 2021), +12.5% on the same period a year earlier.',
    );
  });

  it.each([
    ['column', 'Biểu đồ cột'],
    ['bar', 'Biểu đồ thanh'],
    ['area', 'Biểu đồ vùng'],
  ] as const)('names a %s chart %s', (kind, word) => {
    const text = summarizeSeries({ kind, title: 'Hồ sơ', series: [quangNam('vi')], format: dossiers, lang: 'vi' });
    expect(text.startsWith(`${word}: `)).toBe(true);
  });

  it('leaves the change out when none is given', () => {
    const text = summarizeSeries({ kind: 'column', title: 'Hồ sơ', series: [quangNam('vi')], format: dossiers, lang: 'vi' });
    expect(plain(text).endsWith('Mới nhất: 7.800 hồ sơ (Tháng 9/2021).')).toBe(true);
  });

  it('says a reported change comes from the source', () => {
    const reported = { ...up, basis: 'REPORTED' as const };
    const text = summarizeSeries({
      kind: 'line',
      title: 'Hồ sơ',
      series: [quangNam('vi')],
      format: dossiers,
      lang: 'vi',
      change: reported,
    });
    expect(plain(text).endsWith('+12,5 % so với cùng kỳ năm trước (theo nguồn).')).toBe(true);
  });

  it('takes the latest value, not the last point, when the last month is missing', () => {
    const text = summarizeSeries({
      kind: 'line',
      title: 'Hồ sơ',
      series: [quangNam('vi', [3000, 1200, null])],
      format: dossiers,
      lang: 'vi',
    });
    expect(plain(text).endsWith('Mới nhất: 1.200 hồ sơ (Tháng 2/2021).')).toBe(true);
  });

  it('keeps the qualifier of a bound', () => {
    const points = months([80, 90], 'vi');
    const bound: Series = { key: '49', name: 'Quảng Nam', points: [points[0]!, { ...points[1]!, qualifier: 'MORE_THAN' }] };
    const text = summarizeSeries({ kind: 'column', title: 'Văn bản ký số', series: [bound], format: percent, lang: 'vi' });
    expect(plain(text).endsWith('Mới nhất: trên 90 % (Tháng 2/2021).')).toBe(true);
  });

  it('lists several series and names the series of the lowest and highest values', () => {
    const daNang: Series = { key: '48', name: 'Đà Nẵng', points: months([900, 8100], 'vi') };
    const text = summarizeSeries({
      kind: 'line',
      title: 'Hồ sơ',
      series: [quangNam('vi', [1200, 7800]), daNang],
      format: dossiers,
      lang: 'vi',
    });
    expect(plain(text)).toBe(
      'Biểu đồ đường: Hồ sơ – Quảng Nam, Đà Nẵng, từ Tháng 1/2021 đến Tháng 2/2021. ' +
        'Thấp nhất 900 hồ sơ (Đà Nẵng, Tháng 1/2021), cao nhất 8.100 hồ sơ (Đà Nẵng, Tháng 2/2021). ' +
        'Mới nhất: 7.800 hồ sơ (Quảng Nam, Tháng 2/2021); 8.100 hồ sơ (Đà Nẵng, Tháng 2/2021).',
    );
  });

  it('says a single value once, without lowest and highest', () => {
    const text = summarizeSeries({
      kind: 'column',
      title: 'Hồ sơ tiếp nhận',
      series: [quangNam('vi', [54913])],
      format: dossiers,
      lang: 'vi',
    });
    expect(plain(text)).toBe('Biểu đồ cột: Hồ sơ tiếp nhận – Quảng Nam, Tháng 1/2021. Mới nhất: 54.913 hồ sơ (Tháng 1/2021).');
  });

  it('says there is no data in Vietnamese', () => {
    const text = summarizeSeries({
      kind: 'line',
      title: 'Hồ sơ tiếp nhận',
      series: [quangNam('vi', [null, null])],
      format: dossiers,
      lang: 'vi',
    });
    expect(plain(text)).toBe('Hồ sơ tiếp nhận: không có số liệu.');
  });

  it('says there is no data in English', () => {
    const text = summarizeSeries({ kind: 'bar', title: 'Dossiers received', series: [], format: dossiers, lang: 'en' });
    expect(plain(text)).toBe('Dossiers received: no data.');
  });
});
