// The chart builder: the form's state, its requests and the wiring of its controls. The rules
// live in model/ (pure, tested in Node); the drawing of lists and previews in dom/.
import { publishingKey } from '/shared/publishing-key.js';
import { copyCode, showEmbed } from './dom/embed.ts';
import { byId } from './dom/h.ts';
import { regionsLegend, renderChosen, renderRegions, renderResults } from './dom/lists.ts';
import { renderPreviews } from './dom/previews.ts';
import { API, codeOf, loadChart, nameIndicators, provincesAt, reason, saveChart, searchIndicators } from './gateway.ts';
import { elementOf, TYPES, typeOf, type ChartValues, type Indicator, type Province } from './model/chart.ts';
import { chartInput } from './model/chart-input.ts';
import { chooseIndicator, chooseRegion, fitToElement } from './model/choices.ts';
import type { SavedChart } from './model/queries.ts';
import { periodMessage, problem, regionsDate } from './model/validate.ts';
import { h } from './dom/h.ts';

// Indicators and regions live here rather than in the DOM: their option lists are replaced by
// searches and by the date the provinces are taken at, and a choice must survive both.
const state = {
  // A new user starts from real figures of several provinces: Quảng Nam's PCI beside Quảng Ninh's, the leader.
  indicators: [{ slug: 'pci_score', name: 'pci_score', nameEn: '' }] as Indicator[],
  regions: ['49', '22'],
  results: [] as Indicator[],
  provinces: [] as Province[], // valid on provincesAt
  provincesAt: null as string | null,
  savedId: null as string | null,
  saving: false,
};

const form = byId<HTMLFormElement>('form');
const statusBox = byId('status');
const field = <T extends HTMLElement = HTMLInputElement>(id: string) => byId<T>(id);
const cells = [...document.querySelectorAll<HTMLElement>('#previews .cell')];

function say(message: string, kind: '' | 'ok' | 'error' = ''): void {
  statusBox.textContent = message;
  statusBox.className = kind;
}

function values(): ChartValues {
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

// ---------- The publishing key ----------

const keyInput = field('key');
const key = publishingKey({
  input: keyInput as HTMLInputElement,
  status: field('key-status'),
  empty: 'Chưa nhập khoá: cần để lưu (no key entered: needed to save).',
  describe: (viewer) => {
    const canSave = viewer.scopes.includes('PUBLISH') || viewer.scopes.includes('ADMIN');
    return [`Khoá của: ${viewer.name} — ${viewer.scopes.join(', ')} (${viewer.prefix}…)${canSave ? '' : ': không lưu được biểu đồ (cannot save charts)'}.`, canSave ? 'ok' : 'error'];
  },
});

// ---------- Lists ----------

function drawResults(): void {
  renderResults(field('results-list'), state.results, state.indicators, values().element, (node, checked) => {
    const { list, refused } = chooseIndicator(state.indicators, node, checked, values().element);
    state.indicators = list;
    if (refused) {
      say(refused, 'error');
      drawResults();
      return;
    }
    drawChosen();
    schedule();
  });
}

function drawChosen(): void {
  renderChosen(field('chosen'), state.indicators, (indicator) => {
    state.indicators = state.indicators.filter((i) => i.slug !== indicator.slug);
    drawChosen();
    drawResults();
    schedule();
    say(`Đã bỏ ${indicator.name} (removed).`);
    field('search').focus(); // the button is gone: put focus somewhere meaningful
  });
}

function drawRegions(): void {
  const { element } = values();
  field('regions-legend').textContent = regionsLegend(element);
  renderRegions(field('regions-list'), state.provinces, state.regions, element, field<HTMLInputElement>('region-filter').value, (code, checked) => {
    const { list, refused } = chooseRegion(state.regions, code, checked, values().element);
    state.regions = list;
    if (refused) {
      say(refused, 'error');
      drawRegions();
      return;
    }
    schedule();
  });
}

let searchToken = 0;
async function search(): Promise<void> {
  const token = ++searchToken;
  const term = field<HTMLInputElement>('search').value.trim();
  field('results-count').textContent = '(đang tìm…)';
  try {
    // The whole catalogue (the gateway's page limit is 100), so PCI, PAPI and population are in the first list too.
    const { indicators } = await searchIndicators(term, key.value());
    if (token !== searchToken) return; // a newer search answered first
    state.results = indicators.edges.map((e) => e.node);
    drawResults();
    field('results-count').textContent = `(${state.results.length} / ${indicators.totalCount})`;
    if (term) say(`Tìm thấy ${indicators.totalCount} chỉ số cho "${term}" (${indicators.totalCount} indicators found).`);
  } catch (error) {
    if (token !== searchToken) return;
    field('results-count').textContent = '';
    say(`Lỗi khi tìm chỉ số (search failed): ${reason(error)}`, 'error');
  }
}

let regionsToken = 0;
async function loadProvinces(at: string): Promise<void> {
  if (at === state.provincesAt) return;
  const token = ++regionsToken;
  field('regions-at').textContent = `Đang tải danh sách tỉnh ngày ${at}… (loading provinces)`;
  try {
    const { regions } = await provincesAt(at, key.value());
    if (token !== regionsToken) return;
    state.provinces = regions.edges.map((e) => e.node);
    state.provincesAt = at;
    const valid = new Set(state.provinces.map((p) => p.code));
    const dropped = state.regions.filter((code) => !valid.has(code));
    state.regions = state.regions.filter((code) => valid.has(code));
    field('regions-at').textContent = `${regions.totalCount} tỉnh/thành có hiệu lực ngày ${at} (provinces valid on ${at}; the list follows the period's end).`;
    if (dropped.length) say(`Đã bỏ mã ${dropped.join(', ')}: không có tỉnh nào mang mã này ngày ${at} (no province with this code on that day).`, 'error');
    drawRegions();
    schedule();
  } catch (error) {
    if (token !== regionsToken) return;
    field('regions-at').textContent = '';
    say(`Lỗi khi tải danh sách tỉnh (could not load provinces): ${reason(error)}`, 'error');
  }
}

/** Keeps the form coherent with the element: one indicator and one region where only one is drawn, the right chart types. */
function adaptToElement(): void {
  const { element } = values();
  ({ indicators: state.indicators, regions: state.regions } = fitToElement(state.indicators, state.regions, element));
  const types = TYPES[element];
  const select = field<HTMLSelectElement>('type');
  field('type-field').hidden = !types;
  select.disabled = !types;
  if (types) {
    const previous = select.value;
    select.replaceChildren(...types.map(([value, label]) => h('option', { value }, label)));
    if (types.some(([value]) => value === previous)) select.value = previous;
  }
  drawResults();
  drawChosen();
  drawRegions();
}

// Typing in a text field would otherwise fire a request per key stroke.
let timer: ReturnType<typeof setTimeout> | undefined;
function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(update, 250);
}

function update(): void {
  const v = values();
  const wrong = periodMessage(v.period);
  field('period').setAttribute('aria-invalid', wrong ? 'true' : 'false');
  field('period-error').textContent = wrong;
  renderPreviews(cells, v, API);
  void loadProvinces(regionsDate(v, state.provincesAt, new Date().toISOString().slice(0, 10)));
}

// ---------- Saving ----------

/** What to say when the gateway refuses a save, and where to go next; false for other failures. */
function refused(error: unknown): boolean {
  const code = codeOf(error);
  if (code === 'UNAUTHENTICATED') {
    keyInput.setAttribute('aria-invalid', 'true');
    say(`${key.value() ? 'Khoá không được chấp nhận (the key was not accepted)' : 'Cần khoá xuất bản để lưu: dán khoá vào ô "Khoá xuất bản" (a publishing key is needed to save)'}: ${reason(error)}`, 'error');
    keyInput.focus();
    return true;
  }
  if (code === 'FORBIDDEN') {
    say(`Khoá này không được phép (this key is not allowed): ${reason(error)}. Lưu thành biểu đồ mới thì được (saving as a new chart is).`, 'error');
    field('save-new').hidden = false;
    field('save-new').focus();
    return true;
  }
  return false;
}

async function save(asNew: boolean): Promise<void> {
  if (state.saving) return;
  const v = values();
  const wrong = problem(v);
  if (wrong) {
    say(wrong.message, 'error');
    field(wrong.field).focus();
    return;
  }
  if (!key.value()) {
    say('Cần khoá xuất bản để lưu: dán khoá vào ô "Khoá xuất bản" (a publishing key is needed to save). Quản trị viên cấp khoá: pnpm chiso keys create.', 'error');
    keyInput.setAttribute('aria-invalid', 'true');
    keyInput.focus();
    return;
  }
  state.saving = true;
  field<HTMLButtonElement>('save').disabled = true;
  say('Đang lưu… (saving)');
  try {
    const chart = await saveChart(asNew ? null : state.savedId, chartInput(v), key.value());
    showSaved(chart);
    say(`Đã lưu biểu đồ ${chart.id}, phiên bản ${chart.version} (saved, version ${chart.version}). Mã nhúng ở phần "Mã nhúng".`, 'ok');
    // The codes are what a save is for: bring them into view (below the form on a phone, in the side column on a desktop).
    field('embed').scrollIntoView({ block: 'nearest' });
  } catch (error) {
    if (!refused(error)) say(`Không lưu được (not saved): ${reason(error)}`, 'error');
  } finally {
    state.saving = false;
    field<HTMLButtonElement>('save').disabled = false;
  }
}

function showSaved(chart: SavedChart): void {
  state.savedId = chart.id;
  // The address now names the chart: reloading or sharing it edits the same chart.
  const url = new URL(location.href);
  url.searchParams.set('id', chart.id);
  history.replaceState(null, '', url);
  field('save').textContent = 'Lưu phiên bản mới (Save a new version)';
  field('save-new').hidden = false;
  showEmbed(chart);
}

// ---------- Loading a saved chart (?id=) ----------

async function loadSaved(id: string): Promise<void> {
  say(`Đang mở biểu đồ ${id}… (opening)`);
  const chart = await loadChart(id, key.value());
  if (!chart) {
    say(`Không có biểu đồ "${id}" (no such chart): bắt đầu biểu đồ mới.`, 'error');
    return;
  }
  const element = form.querySelector<HTMLInputElement>(`input[name="element"][value="${elementOf(chart.element)}"]`);
  if (element) element.checked = true;
  adaptToElement();
  if (chart.type) field<HTMLSelectElement>('type').value = chart.type;
  const set = (id: string, value: string | null | undefined) => (field<HTMLInputElement>(id).value = value ?? '');
  set('period', chart.period);
  set('from', chart.from);
  set('to', chart.to);
  set('at', chart.at);
  set('title', chart.title);
  set('notes', chart.notes);
  set('lang', String(chart.lang ?? 'vi').toUpperCase());
  set('theme', chart.theme ?? 'light');
  state.regions = [...chart.regions];
  state.indicators = await nameIndicators(chart.indicators, key.value());
  drawChosen();
  drawResults();
  drawRegions();
  showSaved(chart);
  say(`Đã mở biểu đồ ${chart.id}, phiên bản ${chart.version} (opened).`, 'ok');
}

// ---------- Wiring ----------

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void save(false);
});
field('save-new').addEventListener('click', () => void save(true));

form.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement;
  if (target === keyInput) return; // not part of the chart
  if (target.name === 'element') adaptToElement();
  if (target.name === 'indicator' || target.name === 'region') return; // handled where they are drawn
  schedule();
});
form.addEventListener('input', (event) => {
  const target = event.target as HTMLElement;
  if (target.id === 'search' || target.id === 'region-filter' || target === keyInput) return;
  schedule();
});

let searchTimer: ReturnType<typeof setTimeout> | undefined;
field('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(search, 300);
});
// Enter in the search box searches; it must not submit (save) the form.
field('search').addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  clearTimeout(searchTimer);
  void search();
});
field('search-button').addEventListener('click', () => void search());
field('region-filter').addEventListener('input', drawRegions);
field('region-filter').addEventListener('keydown', (event) => {
  if (event.key === 'Enter') event.preventDefault();
});
for (const button of document.querySelectorAll<HTMLElement>('[data-copy]')) button.addEventListener('click', () => void copyCode(button, say));

let keyTimer: ReturnType<typeof setTimeout> | undefined;
keyInput.addEventListener('input', () => {
  key.remember();
  clearTimeout(keyTimer);
  keyTimer = setTimeout(() => void key.check(), 400);
});
field('key-check').addEventListener('click', () => void key.check());
field('key-forget').addEventListener('click', () => {
  key.forget();
  key.say('Đã quên khoá trên máy này (the key was forgotten on this device).');
  keyInput.focus();
});

async function start(): Promise<void> {
  adaptToElement();
  if (key.restore()) void key.check();
  const id = new URL(location.href).searchParams.get('id');
  try {
    if (id) await loadSaved(id);
    else {
      state.indicators = await nameIndicators(state.indicators.map((i) => i.slug), key.value());
      drawChosen();
    }
  } catch (error) {
    say(`Lỗi (error): ${reason(error)}`, 'error');
  }
  await search();
  update();
}

void start();
