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
  /* The focus ring follows the province's outline, not its bounding box. */
  .province:focus-visible {
    outline: none;
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
  table {
    font-size: 13px;
  }
`;
