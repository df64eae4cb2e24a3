import { css } from 'lit';

export const kpiStyles = css`
  figure {
    --chiso-min-height: 160px;
  }
  .value {
    font-size: 2.4em;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
    margin: 0;
  }
  .change {
    display: flex;
    gap: 6px;
    align-items: baseline;
    margin: 4px 0 0;
  }
  .change[data-tone='good'] {
    color: var(--chiso-positive);
  }
  .change[data-tone='bad'] {
    color: var(--chiso-negative);
  }
  .change[data-tone='neutral'] {
    color: var(--chiso-muted);
  }
  .derived {
    color: var(--chiso-muted);
    font-size: 0.9em;
    margin: 2px 0 0;
  }
`;
