/**
 * About how wide a text is in DejaVu Sans, the images' face (digits 0.64 em, lower case about
 * 0.6 em), for wrapping and placing labels; it errs wide, which keeps texts apart in the
 * browser's narrower system faces too.
 * @param text the text
 * @param size font size in px
 * @param bold bold text is about a tenth wider
 */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += /[\s.,:;'()|!iIl\u00a0]/.test(ch) ? 0.33 : /[A-ZĐ%mwMW]/.test(ch) ? 0.78 : 0.62;
  return em * size * (bold ? 1.1 : 1);
}

/**
 * Greedy word wrap to `max` pixels. Only ordinary spaces break: a number and its unit, joined by
 * a non-breaking space in the formats, stay on one line. A word longer than a line keeps a line
 * of its own.
 */
export function wrap(text: string, max: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t\n]+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
