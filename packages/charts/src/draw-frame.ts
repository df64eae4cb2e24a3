import type { Mark, Scene } from './scene.ts';
import { wrap } from './text-width.ts';
import { typeScale } from './type-scale.ts';

export interface FrameText {
  title: string;
  /** Period and unit ("Tháng 1/2021 – Tháng 6/2021 · hồ sơ"). */
  subtitle?: string;
  /** The chart's notes, as written in the builder; paragraphs on lines of their own. */
  notes?: string | null;
  /** "Nguồn: Người Lao Động (10/10/2021)". */
  source?: string;
}

const PAD = 16;

/**
 * An element's drawing framed as the element frames it, for an image: title, subtitle, the
 * drawing, the notes and the source line, each wrapped to the width. The drawing is placed
 * unchanged (a group moved down), so the image holds exactly the marks the element draws.
 */
export function drawFrame(body: Scene, text: FrameText): Scene {
  const width = body.width + 2 * PAD;
  const t = typeScale(body.width);
  const marks: Mark[] = [];
  let y = PAD;
  const lines = (value: string, size: number, fill: string, className: string, bold = false) => {
    for (const line of wrap(value, body.width, size, bold)) {
      y += size * 1.3;
      marks.push({ type: 'text', className, x: PAD, y, text: line, size, fill, weight: bold ? 'bold' : 'normal' });
    }
  };
  lines(text.title, t.title, 'text', 'title', true);
  if (text.subtitle) lines(text.subtitle, t.body + 0.5, 'muted', 'subtitle');
  y += 12;
  marks.push({ type: 'group', className: 'body', dx: PAD, dy: y, marks: body.marks });
  y += body.height + 6;
  for (const paragraph of (text.notes ?? '').split(/\n+/).filter((p) => p.trim())) lines(paragraph.trim(), t.body, 'text', 'notes');
  if (text.source) lines(text.source, t.body, 'muted', 'source');
  return { width, height: Math.ceil(y + PAD), title: text.title, description: body.title, marks };
}
