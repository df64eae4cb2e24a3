import { css } from 'lit';

/**
 * Theme tokens and the frame every element shares. Colours meet 3:1 (graphics) and 4.5:1 (text)
 * against their background (see src/charts/palette.ts and its tests).
 * @cssprop --chiso-font - font family @default system-ui
 * @cssprop --chiso-background / --chiso-text / --chiso-muted / --chiso-grid - theme colours
 * @cssprop --chiso-series-1 … --chiso-series-6 - series colours
 * @cssprop --chiso-positive / --chiso-negative / --chiso-highlight - semantic colours
 * @cssprop --chiso-min-height - space reserved before data arrives @default 280px
 */
/** The dark theme's tokens, for `theme="dark"` and for `auto` under prefers-color-scheme: dark. */
const darkTokens = css`
    --chiso-background: #16181d;
    --chiso-text: #e6edf3;
    --chiso-muted: #a8b3bf;
    --chiso-grid: #3d444d;
    --chiso-series-1: #6cb6ff;
    --chiso-series-2: #ffa657;
    --chiso-series-3: #56d364;
    --chiso-series-4: #d2a8ff;
    --chiso-series-5: #ff7eb6;
    --chiso-series-6: #e3d26f;
    --chiso-positive: #56d364;
    --chiso-negative: #ff7b72;
    --chiso-highlight: #ffa657;
    --chiso-focus: #6cb6ff;
`;

export const sharedStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--chiso-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    line-height: 1.4;
    color: var(--chiso-text);
    background: var(--chiso-background);
    --chiso-background: #ffffff;
    --chiso-text: #1f2328;
    --chiso-muted: #57606a;
    --chiso-grid: #d0d7de;
    --chiso-series-1: #0b63c4;
    --chiso-series-2: #c2410c;
    --chiso-series-3: #047857;
    --chiso-series-4: #7c3aed;
    --chiso-series-5: #b91c5c;
    --chiso-series-6: #4d5b00;
    --chiso-positive: #047857;
    --chiso-negative: #b91c1c;
    --chiso-highlight: #c2410c;
    --chiso-focus: #0b63c4;
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
