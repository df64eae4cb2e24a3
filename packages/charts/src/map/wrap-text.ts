/**
 * Splits a text into lines no wider than `width` px at `size` px type, by words. Widths are
 * estimated (0.56 em a character, the average of Vietnamese text in the system sans-serif), so the
 * scene is the same in the browser and on the server, where nothing can be measured.
 */
export function wrapText(text: string, width: number, size: number): string[] {
  const perLine = Math.max(8, Math.floor(width / (size * 0.56)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
