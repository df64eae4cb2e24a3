import { css, unsafeCSS } from 'lit';
import { resolvePaint, TOKENS, type ThemeName } from '@chiso/charts/paint';

/**
 * Theme tokens and the frame every element shares. Colours meet 3:1 (graphics) and 4.5:1 (text)
 * against their background (see @chiso/charts/palette and its tests). The custom properties a
 * page may set are listed (@cssprop) on ChisoElement, the class every element extends.
 */
/**
 * A theme's tokens as custom properties, written from the one palette the images use too
 * (@chiso/charts/palette): `--chiso-series-1: #0b63c4` and so on; focus rings take series 1.
 */
const tokens = (theme: ThemeName) =>
  unsafeCSS(`${TOKENS.map((t) => `--chiso-${t}: ${resolvePaint(t, theme)};`).join(' ')} --chiso-focus: ${resolvePaint('series-1', theme)};`);
/** The dark theme's tokens, for `theme="dark"` and for `auto` under prefers-color-scheme: dark. */
const darkTokens = tokens('dark');

export const sharedStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--chiso-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    line-height: 1.4;
    color: var(--chiso-text);
    background: var(--chiso-background);
    ${tokens('light')}
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }
  figure {
    margin: 0;
    padding: 12px 16px;
    min-height: var(--chiso-min-height, 280px);
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .title {
    margin: 0;
    font-size: 1.05em;
    font-weight: 600;
  }
  .subtitle,
  figcaption {
    color: var(--chiso-muted);
    font-size: 0.9em;
  }
  .body {
    flex: 1;
    position: relative;
    min-height: 120px;
  }
  /* Every drawing fills the element's width and keeps its aspect ratio. */
  svg {
    display: block;
    width: 100%;
    height: auto;
  }
  .skeleton {
    height: 100%;
    min-height: 160px;
    border-radius: 6px;
    background: linear-gradient(90deg, var(--chiso-grid) 0%, transparent 50%, var(--chiso-grid) 100%);
    background-size: 200% 100%;
    opacity: 0.5;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: chiso-shimmer 1.4s linear infinite;
    }
  }
  @keyframes chiso-shimmer {
    from {
      background-position: 200% 0;
    }
    to {
      background-position: 0 0;
    }
  }
  .state {
    padding: 16px 0;
    color: var(--chiso-muted);
  }
  .state[role='alert'] {
    color: var(--chiso-text);
  }
  button {
    font: inherit;
    color: var(--chiso-text);
    background: transparent;
    border: 1px solid var(--chiso-muted);
    border-radius: 4px;
    padding: 4px 10px;
    cursor: pointer;
  }
  button:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--chiso-focus);
    outline-offset: 2px;
  }
  .stale {
    font-size: 0.85em;
    color: var(--chiso-muted);
  }
  .table-scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    text-align: left;
    padding: 4px 8px;
    border-bottom: 1px solid var(--chiso-grid);
  }
  td.number,
  th.number {
    text-align: right;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
