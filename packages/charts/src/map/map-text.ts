import type { Lang } from './map-input.ts';

/** Every word the map draws, in Vietnamese and English. */
export const mapText = {
  vi: {
    highest: 'cao nhất',
    lowest: 'thấp nhất',
    noData: 'Không có số liệu',
    noDataValue: 'không có số liệu',
    breakTitle: 'Không so sánh được',
    breakValue: 'không so sánh được: chỉ số tổng hợp của các tỉnh cũ không cộng gộp được',
    breakNote: 'tỉnh, thành phố sáp nhập: chỉ số tổng hợp không cộng gộp, không lấy trung bình',
    composedOf: 'cộng gộp từ',
    and: 'và',
    more: (n: number) => `và ${n} địa phương khác`,
    withData: (n: number, of: number) => `${n}/${of} tỉnh, thành phố có số liệu`,
    paracels: 'QĐ. Hoàng Sa',
    spratlys: 'QĐ. Trường Sa',
  },
  en: {
    highest: 'highest',
    lowest: 'lowest',
    noData: 'No data',
    noDataValue: 'no data',
    breakTitle: 'Not comparable',
    breakValue: 'not comparable: a composite index of the former provinces cannot be combined',
    breakNote: 'merged provinces: a composite index is not added up or averaged',
    composedOf: 'combined from',
    and: 'and',
    more: (n: number) => `and ${n} more`,
    withData: (n: number, of: number) => `${n} of ${of} provinces with data`,
    paracels: 'Paracel Is. (Hoàng Sa)',
    spratlys: 'Spratly Is. (Trường Sa)',
  },
} satisfies Record<Lang, Record<string, unknown>>;

/** Names joined for a sentence: "A, B và C" / "A, B and C". */
export function joinNames(names: readonly string[], lang: Lang): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${mapText[lang].and} ${names[names.length - 1]}`;
}
