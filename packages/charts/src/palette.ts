/**
 * Theme colours: the one place they are written. The elements' `--chiso-*` custom properties are
 * made from them (widgets' shared.styles.ts), the images' colours too (paint.ts). Every series colour and the positive,
 * negative and highlight colours reach 3:1 against the background, because a bar or a line is a
 * graphical object a reader must see (WCAG 1.4.11); text and muted text reach 4.5:1 (WCAG 1.4.3).
 * Grid lines are deliberately faint: they are decoration, and the values also sit in labels and
 * in the table, so they carry no information of their own.
 * The series colours differ in hue and lightness so that neighbouring lines stay apart for
 * readers with a red-green colour vision deficiency.
 */
export const palette = {
  light: {
    background: '#ffffff',
    text: '#1f2328',
    muted: '#57606a',
    grid: '#d0d7de',
    series: ['#0b63c4', '#c2410c', '#047857', '#7c3aed', '#b91c5c', '#4d5b00'],
    positive: '#047857',
    negative: '#b91c1c',
    highlight: '#c2410c',
  },
  dark: {
    background: '#16181d',
    text: '#e6edf3',
    muted: '#a8b3bf',
    grid: '#3d444d',
    series: ['#6cb6ff', '#ffa657', '#56d364', '#d2a8ff', '#ff7eb6', '#e3d26f'],
    positive: '#56d364',
    negative: '#ff7b72',
    highlight: '#ffa657',
  },
} as const satisfies Record<
  'light' | 'dark',
  {
    background: string;
    text: string;
    muted: string;
    grid: string;
    series: readonly string[];
    positive: string;
    negative: string;
    highlight: string;
  }
>;
