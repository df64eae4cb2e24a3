import type { ChartValues } from '../model/chart.ts';
import { previewAttributes } from '../model/chart-input.ts';

/**
 * Draws the chart in each preview cell (its language and theme in data-lang / data-theme) with the
 * elements embeds use, and marks the cell that will be embedded.
 */
export function renderPreviews(cells: readonly HTMLElement[], v: ChartValues, api: string): void {
  const tag = `chiso-${v.element.toLowerCase()}`;
  for (const cell of cells) {
    const slot = cell.querySelector('.slot')!;
    let widget = slot.firstElementChild;
    // A new element only when the kind changes; otherwise attributes change, and the widget
    // keeps showing its last figure while the new one loads.
    if (!widget || widget.localName !== tag) {
      widget = document.createElement(tag);
      slot.replaceChildren(widget);
    }
    const { lang = 'vi', theme = 'light' } = cell.dataset;
    for (const [name, value] of Object.entries(previewAttributes(v, lang, theme, api))) {
      if (!value) widget.removeAttribute(name);
      else if (widget.getAttribute(name) !== value) widget.setAttribute(name, value);
    }
    cell.querySelector('.notes')!.textContent = v.notes;
    const selected = lang === v.lang.toLowerCase() && theme === v.theme;
    cell.classList.toggle('selected', selected);
    cell.setAttribute('aria-label', `${cell.querySelector('figcaption')!.textContent}${selected ? ' – sẽ được nhúng (will be embedded)' : ''}`);
  }
}
