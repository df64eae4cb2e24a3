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
    composedNote: (period: string, count: number, since: string, basis: string) =>
      `${period}: số liệu của các tỉnh cũ, cộng gộp theo ${count} tỉnh, thành phố từ ${since} (${basis}).`,
    indexNote: (period: string, count: number, since: string, basis: string) =>
      `${period} vẽ trên ${count} tỉnh, thành phố từ ${since} (${basis}): tỉnh giữ nguyên địa giới mang giá trị cũ; tỉnh sáp nhập không so sánh được.`,
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
    composedNote: (period: string, count: number, since: string, basis: string) =>
      `${period}: figures of the former provinces, combined for the ${count} provinces in place since ${since} (${basis}).`,
    indexNote: (period: string, count: number, since: string, basis: string) =>
      `${period} drawn on the ${count} provinces in place since ${since} (${basis}): unchanged provinces keep their value; merged ones are not comparable.`,
    paracels: 'Hoàng Sa (Paracel Is.)',
    spratlys: 'Trường Sa (Spratly Is.)',
  },
} satisfies Record<Lang, Record<string, unknown>>;

/** Names joined for a sentence: "A, B và C" / "A, B and C". */
export function joinNames(names: readonly string[], lang: Lang): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${mapText[lang].and} ${names[names.length - 1]}`;
}

/** When a layer's provinces start, as its notes write it: "1/7/2025", "July 1, 2025". */
export function layerDay(iso: string, lang: Lang): string {
  const format = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
    day: 'numeric',
    month: lang === 'vi' ? 'numeric' : 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return format.format(new Date(`${iso}T00:00:00Z`));
}
