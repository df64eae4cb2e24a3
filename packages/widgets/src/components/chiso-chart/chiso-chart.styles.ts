import { css } from 'lit';

/** Colours, strokes and sizes come with the drawing's marks (render-scene.ts); here only what a pointer or keyboard changes. */
export const chartStyles = css`
  .plot {
    position: relative;
    border-radius: 4px;
  }
  svg {
    overflow: visible;
  }
  .marker.active,
  .bar.active {
    stroke: var(--chiso-text);
    stroke-width: 2;
  }
  .tooltip {
    position: absolute;
    pointer-events: none;
    background: var(--chiso-background);
    color: var(--chiso-text);
    border: 1px solid var(--chiso-muted);
    border-radius: 4px;
    padding: 4px 8px;
    font-size: 12px;
    white-space: nowrap;
    transform: translate(-50%, calc(-100% - 10px));
  }
  .toolbar {
    display: flex;
    justify-content: flex-end;
  }
  @media (prefers-reduced-motion: no-preference) {
    .marker,
    .bar {
      transition: stroke-width 120ms ease-out;
    }
  }
`;
