/**
 * Parts of a whole in percent, laid end to end from 0, as in a single stacked bar of shares
 * (online 27,6 %, by post 36,9 %, 4-step process 35 % of dossiers received).
 * @param parts each share in percent; null parts are skipped, they have no segment
 * @returns the segments with `start` and `end` in percent; `remainder` is what is left of 100
 *   (0 when the parts reach or pass it); `overlap` is true when the parts add up to more than
 *   100, which means they are not exclusive (one dossier can be both online and returned by
 *   post), so callers must say so rather than draw them as slices of one whole. A sum under 100
 *   does not prove the parts exclusive: that is for the indicator's metadata to say
 */
export function stackShares(parts: Array<{ key: string; value: number | null }>): {
  segments: Array<{ key: string; value: number; start: number; end: number }>;
  remainder: number;
  overlap: boolean;
} {
  const segments: Array<{ key: string; value: number; start: number; end: number }> = [];
  let total = 0;
  for (const part of parts) {
    if (part.value === null || !Number.isFinite(part.value)) continue;
    segments.push({ key: part.key, value: part.value, start: total, end: total + part.value });
    total += part.value;
  }
  // Binary floats make 27.6 + 36.9 + 35 a hair off 99.5; rounding keeps the remainder a number a
  // reader can check, and the tolerance keeps a float error from being taken for an overlap.
  const remainder = Math.max(0, Math.round((100 - total) * 1e9) / 1e9);
  return { segments, remainder, overlap: total > 100 + 1e-9 };
}
