// The option lists of the form: indicators found, indicators chosen, provinces. Each is drawn whole
// from the state; the caller decides what a tick means (model/choices.ts).
import { ALL_PROVINCES, MULTI_INDICATOR, MULTI_REGION, MAX_REGIONS, type ElementKind, type Indicator, type Province } from '../model/chart.ts';
import { matchesProvince } from '../model/fold.ts';
import { h, showChecked } from './h.ts';

export function renderResults(
  list: HTMLElement,
  nodes: readonly Indicator[],
  chosen: readonly Indicator[],
  element: ElementKind,
  onChange: (node: Indicator, checked: boolean) => void,
): void {
  if (nodes.length === 0) {
    list.replaceChildren(h('p', { class: 'hint' }, 'Không có chỉ số nào (no indicator matches).'));
    return;
  }
  const type = MULTI_INDICATOR.has(element) ? 'checkbox' : 'radio';
  const slugs = new Set(chosen.map((i) => i.slug));
  list.replaceChildren(
    ...nodes.map((node) => {
      const input = h('input', { type, name: 'indicator', value: node.slug, checked: slugs.has(node.slug) });
      input.addEventListener('change', () => onChange(node, input.checked));
      return h('label', {}, input, h('span', {}, node.name, ' ', h('span', { class: 'slug' }, node.slug), h('span', { class: 'en', lang: 'en' }, node.nameEn)));
    }),
  );
  // Show the chosen indicator (pci_score is far down a list ordered by slug) without scrolling the page.
  showChecked(list);
}

export function renderChosen(list: HTMLElement, chosen: readonly Indicator[], onRemove: (indicator: Indicator) => void): void {
  if (chosen.length === 0) {
    list.replaceChildren(h('li', {}, 'chưa có (none)'));
    return;
  }
  list.replaceChildren(
    ...chosen.map((indicator) => {
      const remove = h('button', { type: 'button', class: 'small', 'aria-label': `Bỏ ${indicator.name} (remove)` }, '×');
      remove.addEventListener('click', () => onRemove(indicator));
      return h('li', {}, h('span', {}, indicator.name, ' ', h('code', {}, indicator.slug)), remove);
    }),
  );
}

/** The legend over the province list: what choosing means for this element. */
export function regionsLegend(element: ElementKind): string {
  if (MULTI_REGION.has(element)) return `Chọn một hoặc nhiều tỉnh, tối đa ${MAX_REGIONS} (choose one or more)`;
  if (ALL_PROVINCES.has(element))
    return 'Tỉnh được tô đậm trong bảng xếp hạng hoặc viền trên bản đồ (province highlighted in the ranking, outlined on the map)';
  return 'Chọn một tỉnh (choose one province)';
}

export function renderRegions(
  list: HTMLElement,
  provinces: readonly Province[],
  chosen: readonly string[],
  element: ElementKind,
  filter: string,
  onChange: (code: string, checked: boolean) => void,
): void {
  const type = MULTI_REGION.has(element) ? 'checkbox' : 'radio';
  const ticked = new Set(chosen);
  const rows: HTMLElement[] = [];
  if (ALL_PROVINCES.has(element)) {
    const none = h('input', { type: 'radio', name: 'region', value: '', checked: chosen.length === 0 });
    none.addEventListener('change', () => onChange('', true));
    rows.push(h('label', {}, none, h('span', {}, 'Không tô đậm tỉnh nào (none)')));
  }
  for (const province of provinces) {
    if (!matchesProvince(province, filter)) continue;
    const input = h('input', { type, name: 'region', value: province.code, checked: ticked.has(province.code) });
    input.addEventListener('change', () => onChange(province.code, input.checked));
    rows.push(h('label', {}, input, h('span', {}, province.name, ' ', h('span', { class: 'slug' }, province.code))));
  }
  if (rows.length === 0) rows.push(h('p', { class: 'hint' }, 'Không có tỉnh nào khớp (no province matches).'));
  list.replaceChildren(...rows);
  // Show the chosen province (49 is far down a list ordered by code) without scrolling the page.
  showChecked(list);
}
