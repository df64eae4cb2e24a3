import { css } from 'lit';

export const chartStyles = css`
  .plot {
    position: relative;
    border-radius: 4px;
  }
  svg {
    overflow: visible;
  }
  .grid line {
    stroke: var(--chiso-grid);
    stroke-width: 1;
  }
  .axis text {
    fill: var(--chiso-muted);
    font-size: 11px;
  }
  .line {
    fill: none;
    stroke-width: 2.5;
  }
  .area {
    opacity: 0.25;
  }
  .marker {
    stroke: var(--chiso-background);
    stroke-width: 1.5;
  }
  .marker.active,
  .bar.active {
    stroke: var(--chiso-text);
    stroke-width: 2;
  }
  .series-label {
    font-size: 11px;
    font-weight: 600;
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
