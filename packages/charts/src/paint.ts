import { palette } from './palette.ts';

export type ThemeName = keyof typeof palette;

/** The theme tokens a scene's marks are coloured with; each names a `--chiso-<token>` custom property of the elements. */
export const TOKENS = [
  'background',
  'text',
  'muted',
  'grid',
  'positive',
  'negative',
  'highlight',
  'series-1',
  'series-2',
  'series-3',
  'series-4',
  'series-5',
  'series-6',
] as const;
export type Token = (typeof TOKENS)[number];

const tokenSet = new Set<string>(TOKENS);

/** Whether a mark's colour is a theme token rather than a colour written out. */
export function isToken(colour: string): colour is Token {
  return tokenSet.has(colour);
}

/** The token of series i: series colours repeat after six (shapes and hatching still tell them apart). */
export function seriesColour(i: number): Token {
  return `series-${(i % 6) + 1}` as Token;
}

/**
 * The colour a token stands for in a theme; anything else is returned as written.
 * @param colour a token ("series-1") or a colour ("#0b63c4", "none")
 * @param theme the palette's theme
 */
export function resolvePaint(colour: string, theme: ThemeName): string {
  if (!isToken(colour)) return colour;
  const t = palette[theme];
  if (colour.startsWith('series-')) return t.series[Number(colour.slice(7)) - 1]!;
  return t[colour as Exclude<Token, `series-${number}`>];
}
