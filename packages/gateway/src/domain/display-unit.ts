/** Words for powers of ten as Vietnamese and English news write them ("4.927 tỷ đồng", "14,7 million USD"). */
const scaleWords: Record<number, { vi: string; en: string }> = {
  3: { vi: 'nghìn', en: 'thousand' },
  6: { vi: 'triệu', en: 'million' },
  9: { vi: 'tỷ', en: 'billion' },
  12: { vi: 'nghìn tỷ', en: 'trillion' },
};

/**
 * The unit as shown next to a scaled value: "tỷ đồng", "triệu USD", "hồ sơ", "%".
 * @param unit the unit's words and symbol
 * @param scaleExponent the power of ten the value is shown in (0, 3, 6, 9 or 12)
 */
export function displayUnit(unit: { nameVi: string; nameEn: string; symbol: string | null }, scaleExponent: number, lang: 'VI' | 'EN'): string {
  const word = lang === 'EN' ? unit.nameEn : unit.nameVi;
  const base = unit.symbol === '%' ? '%' : word;
  const scale = scaleWords[scaleExponent];
  if (scaleExponent === 0 || !scale) return base;
  return `${lang === 'EN' ? scale.en : scale.vi} ${base}`;
}
