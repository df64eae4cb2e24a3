/** Lower case without diacritics, so "quang nam" finds "Quảng Nam" and "da nang" finds "Đà Nẵng". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Whether a province answers a filter typed by a person: its name without accents, or the start of its code. */
export function matchesProvince(province: { code: string; name: string }, filter: string): boolean {
  const wanted = fold(filter.trim());
  return wanted === '' || fold(province.name).includes(wanted) || province.code.startsWith(wanted);
}
