// What every part of the builder shares: its state, the page's controls, the status line, and the
// form read as a chart.
import { byId } from './dom/h.ts';
import { elementOf, typeOf, type ChartValues, type Indicator, type Province } from './model/chart.ts';

// Indicators and regions live here rather than in the DOM: their option lists are replaced by
// searches and by the date the provinces are taken at, and a choice must survive both.
export const state = {
  // A new user starts from real figures of several provinces: Quảng Nam's PCI beside Quảng Ninh's, the leader.
  indicators: [{ slug: 'pci_score', name: 'pci_score', nameEn: '' }] as Indicator[],
  regions: ['49', '22'],
  results: [] as Indicator[],
  provinces: [] as Province[], // valid on provincesAt
  provincesAt: null as string | null,
  savedId: null as string | null,
  saving: false,
};

export const form = byId<HTMLFormElement>('form');
const statusBox = byId('status');
export const field = <T extends HTMLElement = HTMLInputElement>(id: string) => byId<T>(id);
export const cells = [...document.querySelectorAll<HTMLElement>('#previews .cell')];

export function say(message: string, kind: '' | 'ok' | 'error' = ''): void {
  statusBox.textContent = message;
  statusBox.className = kind;
}

export function values(): ChartValues {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const element = elementOf(text('element'));
  return {
    element,
    type: typeOf(element, text('type')),
    indicators: state.indicators.map((i) => i.slug),
    regions: [...state.regions],
    period: text('period'),
    from: text('from'),
    to: text('to'),
    at: element === 'MAP' ? text('at') : '',
    title: text('title'),
    notes: text('notes'),
    lang: text('lang') === 'EN' ? 'EN' : 'VI',
    theme: text('theme') || 'light',
  };
}
