/**
 * A scene: what one drawing of an element puts on the page, as plain data. Each element's drawing
 * is one pure function from its data and size to a scene; the element turns the scene into Lit
 * templates in the browser, and the gateway turns the same scene into an SVG string for its images.
 * Coordinates are in CSS pixels of the scene's own box (0,0 top left).
 */
export interface Scene {
  width: number;
  height: number;
  /** Accessible name and description of the whole drawing. */
  title: string;
  description?: string;
  marks: Mark[];
}

/**
 * Colours (`fill`, `stroke`) are theme tokens, `"series-1"` … `"series-6"`, `"text"`, `"muted"`,
 * `"grid"`, `"background"`, `"positive"`, `"negative"`, `"highlight"` (see paint.ts), which the
 * element draws as its CSS custom properties and the server as the theme's colours; any other
 * value (`"#aabbcc"`, `"none"`) is drawn as written.
 */
/** Shared by every mark: a stable key (for Lit's repeat and for tests) and the text a pointer or keyboard shows. */
interface MarkBase {
  key?: string;
  /** The text shown on hover and focus, and read by a screen reader for a focusable mark. */
  tip?: string;
  /** A CSS class name the element may style (e.g. "gridline", "label", "bar"). */
  className?: string;
  /**
   * The point the mark's tip belongs to when the keyboard, not a pointer, reaches it (a
   * province's mainland centroid): where the element shows the tip, and what its arrow keys
   * measure directions between. Not drawn.
   */
  focusPoint?: { x: number; y: number };
}

export interface RectMark extends MarkBase {
  type: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  stroke?: string;
  strokeWidth?: number;
  /** Drawn hatched (diagonal lines over the fill): no data, estimated or composed values. */
  hatch?: boolean;
  rx?: number;
  /** Opacity of the fill (a shaded table row). @default 1 */
  opacity?: number;
}

export interface PathMark extends MarkBase {
  type: 'path';
  d: string;
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  dash?: string;
  hatch?: boolean;
  /** Opacity of the fill (an area under a line). @default 1 */
  opacity?: number;
}

export interface LineMark extends MarkBase {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: string;
  strokeWidth?: number;
  dash?: string;
}

export interface CircleMark extends MarkBase {
  type: 'circle';
  cx: number;
  cy: number;
  r: number;
  fill: string;
  stroke?: string;
}

export interface TextMark extends MarkBase {
  type: 'text';
  x: number;
  y: number;
  text: string;
  anchor?: 'start' | 'middle' | 'end';
  /** Font size in px. */
  size: number;
  weight?: 'normal' | 'bold';
  fill: string;
  baseline?: 'auto' | 'middle' | 'hanging';
  /** A halo in the background colour behind the text, so a label stays legible where it crosses a line. */
  halo?: boolean;
}

export interface GroupMark extends MarkBase {
  type: 'group';
  /** A translation of everything inside. */
  dx?: number;
  dy?: number;
  marks: Mark[];
}

export type Mark = RectMark | PathMark | LineMark | CircleMark | TextMark | GroupMark;
