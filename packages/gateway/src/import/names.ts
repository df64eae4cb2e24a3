/**
 * Matching region names as people write them against the reference list: without diacritics,
 * case, punctuation or the unit type ("Tỉnh", "Thành phố", "TP."), and with the abbreviations
 * Vietnamese sources use. Names serve to find a code; the code is what is stored.
 */

/** "TP. Hồ Chí Minh" → "ho chi minh"; "Thừa Thiên - Huế" → "thua thien hue"; "Đắk Lắk" → "dak lak". */
export function normaliseName(name: string): string {
  let s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  s = s.replace(/^(tinh|thanh pho|tp|t p)\s+/, '');
  // Old spellings of the same names: "Hoà"/"Hòa" and "Thuỵ"/"Thụy" fold to one form above;
  // "Đăk"/"Đắk" and "Daklak" do not.
  s = s.replace(/\bdak\s?lak\b|\bdaklak\b/, 'dak lak').replace(/\bdak\s?nong\b|\bdaknong\b/, 'dak nong');
  return s;
}

/** Abbreviations and other names in wide use, by normalised form. Codes of the 63-province list. */
export const nameAliases: Record<string, string> = {
  hcm: '79',
  'tp hcm': '79',
  tphcm: '79',
  hcmc: '79',
  'ho chi minh city': '79',
  'sai gon': '79',
  brvt: '77',
  'ba ria vung tau': '77',
  'tt hue': '46',
  tth: '46',
  hue: '46',
  'thua thien hue': '46',
  hn: '01',
  'ha noi': '01',
  hanoi: '01',
  'da nang': '48',
  danang: '48',
};
