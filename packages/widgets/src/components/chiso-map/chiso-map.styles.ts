import { css } from 'lit';

export const mapStyles = css`
  .map {
    position: relative;
  }
  svg {
    display: block;
    width: 100%;
    height: auto;
    overflow: visible;
  }
  .province {
    cursor: default;
    outline: none;
  }
  .province:hover,
  .province:focus-visible,
  .province.active {
    stroke: var(--chiso-text);
    stroke-width: 1.5;
  }
  .province:focus-visible {
    stroke: var(--chiso-focus);
    stroke-width: 2.5;
  }
  .highlight {
    pointer-events: none;
  }
  .tip {
    position: absolute;
    z-index: 1;
    max-width: min(260px, 80%);
    padding: 4px 8px;
    border-radius: 4px;
    background: var(--chiso-text);
    color: var(--chiso-background);
    font-size: 13px;
    pointer-events: none;
    transform: translate(-50%, calc(-100% - 10px));
  }
  .actions {
    display: flex;
    justify-content: flex-end;
  }
  button {
    font: inherit;
    font-size: 0.9em;
    color: var(--chiso-text);
    background: none;
    border: 1px solid var(--chiso-grid);
    border-radius: 4px;
    padding: 4px 10px;
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--chiso-focus);
    outline-offset: 2px;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 13px;
  }
  th,
  td {
    text-align: left;
    padding: 3px 6px;
    border-bottom: 1px solid var(--chiso-grid);
  }
  td {
    font-variant-numeric: tabular-nums;
  }
`;
