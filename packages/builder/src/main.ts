// The chart builder's composition: the publishing key, the lists, the previews, opening a saved
// chart and the wiring of the controls. The rules live in model/ (pure, tested in Node), the drawing
// of lists and previews in dom/, the shared state and form in page.ts, saving in saving.ts.
import { publishingKey } from '/shared/publishing-key.js';
import { copyCode } from './dom/embed.ts';
import { h } from './dom/h.ts';
import { regionsLegend, renderChosen, renderRegions, renderResults } from './dom/lists.ts';
import { renderPreviews } from './dom/previews.ts';
import { API, loadChart, nameIndicators, provincesAt, reason, searchIndicators } from './gateway.ts';
import { elementOf, TYPES } from './model/chart.ts';
import { chooseIndicator, chooseRegion, fitToElement } from './model/choices.ts';
import { periodMessage, regionsDate } from './model/validate.ts';
import { cells, field, form, say, state, values } from './page.ts';
import { save, showSaved } from './saving.ts';

// ---------- The publishing key ----------

const keyInput = field('key');
const key = publishingKey({
  input: keyInput as HTMLInputElement,
  status: field('key-status'),
  empty: 'Chưa nhập khoá: cần để lưu (no key entered: needed to save).',
  describe: (viewer) => {
    const canSave = viewer.scopes.includes('PUBLISH') || viewer.scopes.includes('ADMIN');
    return [
      `Khoá của: ${viewer.name} — ${viewer.scopes.join(', ')} (${viewer.prefix}…)${canSave ? '' : ': không lưu được biểu đồ (cannot save charts)'}.`,
      canSave ? 'ok' : 'error',
    ];
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
  void save(key, false);
});
field('save-new').addEventListener('click', () => void save(key, true));

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
      state.indicators = await nameIndicators(
        state.indicators.map((i) => i.slug),
        key.value(),
      );
      drawChosen();
    }
  } catch (error) {
    say(`Lỗi (error): ${reason(error)}`, 'error');
  }
  await search();
  update();
}

void start();
