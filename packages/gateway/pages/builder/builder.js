// The chart builder's script (a file of its own: the page's policy allows no inline script).
import { API, gql } from '/shared/gateway.js';
import { publishingKey } from '/shared/publishing-key.js';

const SEARCH = `query BuilderSearch($search: String, $first: Int) {
  indicators(search: $search, first: $first) {
    totalCount
    edges { node { slug name nameEn: name(lang: EN) } }
  }
}`;

const PROVINCES = `query BuilderProvinces($at: Date) {
  regions(level: PROVINCE, at: $at, first: 100) {
    totalCount
    edges { node { code name } }
  }
}`;

const EMBED = 'embed { url pinnedUrl script iframe image png oembed csv }';
const CREATE = `mutation BuilderCreate($input: ChartInput!) { createChart(input: $input) { id version ${EMBED} } }`;
const UPDATE = `mutation BuilderUpdate($id: String!, $input: ChartInput!) { updateChart(id: $id, input: $input) { id version ${EMBED} } }`;
const chartQuery = (withDates) => `query BuilderChart($id: String!) {
  chart(id: $id) { id version element type indicators regions period ${withDates ? 'from to' : ''} title notes lang theme ${EMBED} }
}`;

// ---------- Periods (the gateway's period language, enough to know where a period ends) ----------

const pad = (n) => String(n).padStart(2, '0');
const iso = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const validDay = (s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= lastDay(+m[1], +m[2]);
};

/** The last day (YYYY-MM-DD) of a period code, or null when the code is not a period. */
function periodEnd(code) {
  const s = code.trim();
  let m;
  if ((m = /^(\d{4})$/.exec(s))) return iso(+m[1], 12, 31);
  if ((m = /^(\d{4})-[Qq]([1-4])$/.exec(s))) return iso(+m[1], 3 * +m[2], lastDay(+m[1], 3 * +m[2]));
  if ((m = /^(\d{4})-(\d{2})$/.exec(s)) && +m[2] >= 1 && +m[2] <= 12) return iso(+m[1], +m[2], lastDay(+m[1], +m[2]));
  if ((m = /^(\d{4})-YTD-(\d{2})$/.exec(s)) && +m[2] >= 1 && +m[2] <= 12) return iso(+m[1], +m[2], lastDay(+m[1], +m[2]));
  if ((m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(s)) && validDay(m[1]) && validDay(m[2]) && m[1] <= m[2]) return m[2];
  if (validDay(s)) return s;
  return null;
}

// ---------- State ----------

// Indicators and regions live here rather than in the DOM: their option lists are replaced by
// searches and by the date the provinces are taken at, and a choice must survive both.
const state = {
  // A new user starts from real figures of several provinces: Quảng Nam's PCI beside Quảng Ninh's, the leader.
  element: 'CHART',
  indicators: [{ slug: 'pci_score', name: 'pci_score', nameEn: '' }],
  regions: ['49', '22'],
  provinces: [], // [{ code, name }] valid on provincesAt
  provincesAt: null,
  savedId: null,
};

const $ = (id) => document.getElementById(id);
const form = $('form');
const statusBox = $('status');

const MULTI_INDICATOR = new Set(['SHARE']);
const MULTI_REGION = new Set(['CHART', 'TABLE']);
const TYPES = {
  CHART: [['line', 'Đường (line)'], ['column', 'Cột (column)'], ['bar', 'Thanh ngang (bar)'], ['area', 'Vùng (area)']],
  SHARE: [['bar', 'Thanh xếp chồng (stacked bar)'], ['donut', 'Vành khuyên (donut)']],
};
const MAX_INDICATORS = 6; // the gateway's limit for a saved chart
const MAX_REGIONS = 20;

function say(message, kind = '') {
  statusBox.textContent = message;
  statusBox.className = kind;
}

/** A tiny element factory: text children are text nodes, so names never become markup. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  el.append(...children.filter((c) => c != null));
  return el;
}

/** Lower case without diacritics, so "quang nam" finds "Quảng Nam" and "da nang" finds "Đà Nẵng". */
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();

// ---------- Form values ----------

function values() {
  const fd = new FormData(form);
  const text = (name) => String(fd.get(name) ?? '').trim();
  const element = text('element') || 'KPI';
  return {
    element,
    type: TYPES[element] ? text('type') || TYPES[element][0][0] : null,
    indicators: state.indicators.map((i) => i.slug),
    regions: [...state.regions],
    period: text('period'),
    from: text('from'),
    to: text('to'),
    at: element === 'MAP' ? text('at') : '',
    title: text('title'),
    notes: $('notes').value.trim(),
    lang: text('lang') || 'VI',
    theme: text('theme') || 'light',
  };
}

/** The first problem that would make the chart unsaveable, with the control to focus; null when fine. */
function problem(v) {
  if (v.indicators.length === 0) return ['Chọn ít nhất một chỉ số (choose an indicator).', $('search')];
  if (v.period && !periodEnd(v.period)) return [`"${v.period}" không phải là một kỳ (not a period): viết 2021, 2021-Q3, 2021-09, 2021-YTD-09 hoặc 2020-12-15/2021-09-15.`, $('period')];
  if (v.element === 'RANKING' && !v.period) return ['Xếp hạng cần một kỳ, ví dụ 2021 (a ranking needs a period).', $('period')];
  if (v.element === 'MAP' && !v.period) return ['Bản đồ cần một kỳ, ví dụ 2021 (a map needs a period).', $('period')];
  if (v.from && v.to && v.from > v.to) return ['"Từ ngày" sau "Đến ngày" ("from" is after "to").', $('from')];
  if (v.element !== 'RANKING' && v.element !== 'MAP' && v.regions.length === 0) return ['Chọn ít nhất một tỉnh/thành (choose a region).', $('region-filter')];
  return null;
}

/**
 * The date whose provinces are listed: the end of the period, else "to". With neither (or a
 * period half typed) the list stays as it is, so clearing a field for a moment does not drop
 * a province that exists only before the 2025 reorganisation; the very first list is today's.
 */
function regionsDate(v) {
  return (v.period && periodEnd(v.period)) || (v.to && validDay(v.to) ? v.to : null) || state.provincesAt || new Date().toISOString().slice(0, 10);
}

// ---------- Indicators ----------

let searchToken = 0;
async function search() {
  const token = ++searchToken;
  const term = $('search').value.trim();
  $('results-count').textContent = '(đang tìm…)';
  try {
    // The whole catalogue (the gateway's page limit is 100), so PCI, PAPI and population are in the first list too.
    const data = await gql(SEARCH, { search: term || null, first: 100 });
    if (token !== searchToken) return; // a newer search answered first
    const nodes = data.indicators.edges.map((e) => e.node);
    renderResults(nodes);
    const count = `${nodes.length} / ${data.indicators.totalCount}`;
    $('results-count').textContent = `(${count})`;
    if (term) say(`Tìm thấy ${data.indicators.totalCount} chỉ số cho "${term}" (${data.indicators.totalCount} indicators found).`);
  } catch (error) {
    if (token !== searchToken) return;
    $('results-count').textContent = '';
    say(`Lỗi khi tìm chỉ số (search failed): ${error.message}`, 'error');
  }
}

let lastResults = [];
function renderResults(nodes = lastResults) {
  lastResults = nodes;
  const multi = MULTI_INDICATOR.has(values().element);
  const chosen = new Set(state.indicators.map((i) => i.slug));
  const list = $('results-list');
  if (nodes.length === 0) {
    list.replaceChildren(h('p', { class: 'hint' }, 'Không có chỉ số nào (no indicator matches).'));
    return;
  }
  list.replaceChildren(
    ...nodes.map((node) => {
      const input = h('input', { type: multi ? 'checkbox' : 'radio', name: 'indicator', value: node.slug, checked: chosen.has(node.slug) });
      input.addEventListener('change', () => chooseIndicator(node, input.checked, multi));
      return h('label', {}, input, h('span', {}, node.name, ' ', h('span', { class: 'slug' }, node.slug), h('span', { class: 'en', lang: 'en' }, node.nameEn)));
    }),
  );
  // Show the chosen indicator (pci_score is far down a list ordered by slug) without scrolling the page.
  const checked = list.querySelector('input:checked');
  if (checked) list.scrollTop = Math.max(0, checked.closest('label').offsetTop - 8);
}

function chooseIndicator(node, checked, multi) {
  if (!multi) state.indicators = [node];
  else if (checked && !state.indicators.some((i) => i.slug === node.slug)) {
    if (state.indicators.length >= MAX_INDICATORS) {
      say(`Tối đa ${MAX_INDICATORS} chỉ số (at most ${MAX_INDICATORS} indicators).`, 'error');
      renderResults();
      return;
    }
    state.indicators.push(node);
  } else if (!checked) state.indicators = state.indicators.filter((i) => i.slug !== node.slug);
  renderChosen();
  schedule();
}

function renderChosen() {
  const list = $('chosen');
  if (state.indicators.length === 0) {
    list.replaceChildren(h('li', {}, 'chưa có (none)'));
    return;
  }
  list.replaceChildren(
    ...state.indicators.map((indicator) => {
      const remove = h('button', { type: 'button', class: 'small', 'aria-label': `Bỏ ${indicator.name} (remove)` }, '×');
      remove.addEventListener('click', () => {
        state.indicators = state.indicators.filter((i) => i.slug !== indicator.slug);
        renderChosen();
        renderResults();
        schedule();
        say(`Đã bỏ ${indicator.name} (removed).`);
        $('search').focus(); // the button is gone: put focus somewhere meaningful
      });
      return h('li', {}, h('span', {}, indicator.name, ' ', h('code', {}, indicator.slug)), remove);
    }),
  );
}

/** Names for slugs known only by slug (the default, a loaded chart): one request, aliased fields. */
async function nameIndicators(slugs) {
  if (slugs.length === 0) return [];
  const vars = slugs.map((_, i) => `$s${i}: String!`).join(', ');
  const fields = slugs.map((_, i) => `i${i}: indicator(slug: $s${i}) { slug name nameEn: name(lang: EN) }`).join('\n');
  const data = await gql(`query BuilderNames(${vars}) { ${fields} }`, Object.fromEntries(slugs.map((s, i) => [`s${i}`, s])));
  return slugs.map((slug, i) => data[`i${i}`] ?? { slug, name: slug, nameEn: '' });
}

// ---------- Regions ----------

let regionsToken = 0;
async function loadProvinces(at) {
  if (at === state.provincesAt) return;
  const token = ++regionsToken;
  $('regions-at').textContent = `Đang tải danh sách tỉnh ngày ${at}… (loading provinces)`;
  try {
    const data = await gql(PROVINCES, { at });
    if (token !== regionsToken) return;
    state.provinces = data.regions.edges.map((e) => e.node);
    state.provincesAt = at;
    const valid = new Set(state.provinces.map((p) => p.code));
    const dropped = state.regions.filter((code) => !valid.has(code));
    state.regions = state.regions.filter((code) => valid.has(code));
    $('regions-at').textContent = `${data.regions.totalCount} tỉnh/thành có hiệu lực ngày ${at} (provinces valid on ${at}; the list follows the period's end).`;
    if (dropped.length) say(`Đã bỏ mã ${dropped.join(', ')}: không có tỉnh nào mang mã này ngày ${at} (no province with this code on that day).`, 'error');
    renderRegions();
    schedule();
  } catch (error) {
    if (token !== regionsToken) return;
    $('regions-at').textContent = '';
    say(`Lỗi khi tải danh sách tỉnh (could not load provinces): ${error.message}`, 'error');
  }
}

function renderRegions() {
  const element = values().element;
  const multi = MULTI_REGION.has(element);
  const filter = fold($('region-filter').value.trim());
  const chosen = new Set(state.regions);
  $('regions-legend').textContent = multi
    ? `Chọn một hoặc nhiều tỉnh, tối đa ${MAX_REGIONS} (choose one or more)`
    : element === 'RANKING' || element === 'MAP'
      ? 'Tỉnh được tô đậm trong bảng xếp hạng hoặc viền trên bản đồ (province highlighted in the ranking, outlined on the map)'
      : 'Chọn một tỉnh (choose one province)';
  const rows = [];
  if (element === 'RANKING' || element === 'MAP') {
    const none = h('input', { type: 'radio', name: 'region', value: '', checked: state.regions.length === 0 });
    none.addEventListener('change', () => chooseRegion('', true, false));
    rows.push(h('label', {}, none, h('span', {}, 'Không tô đậm tỉnh nào (none)')));
  }
  for (const province of state.provinces) {
    if (filter && !fold(province.name).includes(filter) && !province.code.startsWith(filter)) continue;
    const input = h('input', { type: multi ? 'checkbox' : 'radio', name: 'region', value: province.code, checked: chosen.has(province.code) });
    input.addEventListener('change', () => chooseRegion(province.code, input.checked, multi));
    rows.push(h('label', {}, input, h('span', {}, province.name, ' ', h('span', { class: 'slug' }, province.code))));
  }
  if (rows.length === 0) rows.push(h('p', { class: 'hint' }, 'Không có tỉnh nào khớp (no province matches).'));
  const list = $('regions-list');
  list.replaceChildren(...rows);
  // Show the chosen province (49 is far down a list ordered by code) without scrolling the page.
  const checked = list.querySelector('input:checked');
  if (checked) list.scrollTop = Math.max(0, checked.closest('label').offsetTop - 8);
}

function chooseRegion(code, checked, multi) {
  if (!multi) state.regions = code ? [code] : [];
  else if (checked && !state.regions.includes(code)) {
    if (state.regions.length >= MAX_REGIONS) {
      say(`Tối đa ${MAX_REGIONS} tỉnh (at most ${MAX_REGIONS} regions).`, 'error');
      renderRegions();
      return;
    }
    state.regions.push(code);
  } else if (!checked) state.regions = state.regions.filter((c) => c !== code);
  schedule();
}

// ---------- Element and type ----------

/** Keeps the form coherent with the element: one indicator and one region where only one is drawn, the right chart types. */
function adaptToElement() {
  const { element } = values();
  if (!MULTI_INDICATOR.has(element)) state.indicators = state.indicators.slice(0, 1);
  if (!MULTI_REGION.has(element)) state.regions = state.regions.slice(0, 1);
  const options = TYPES[element];
  $('type-field').hidden = !options;
  $('type').disabled = !options;
  if (options) {
    const previous = $('type').value;
    $('type').replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
    if (options.some(([value]) => value === previous)) $('type').value = previous;
  }
  renderResults();
  renderChosen();
  renderRegions();
}

// ---------- Preview ----------

const cells = [...document.querySelectorAll('#previews .cell')];

/** The element's attributes from the configuration: the same mapping as the gateway's embed markup. */
function attributes(v, lang, theme) {
  return {
    indicator: v.indicators.join(','),
    region: v.regions.join(','),
    period: v.period && periodEnd(v.period) ? v.period : '',
    from: v.from,
    to: v.to,
    at: v.at,
    type: v.type ?? '',
    heading: v.title,
    lang,
    theme,
    api: API,
  };
}

function renderPreviews() {
  const v = values();
  const tag = `chiso-${v.element.toLowerCase()}`;
  const chosenTheme = v.theme;
  for (const cell of cells) {
    const slot = cell.querySelector('.slot');
    let widget = slot.firstElementChild;
    // A new element only when the kind changes; otherwise attributes change, and the widget
    // keeps showing its last figure while the new one loads.
    if (!widget || widget.localName !== tag) {
      widget = document.createElement(tag);
      slot.replaceChildren(widget);
    }
    for (const [name, value] of Object.entries(attributes(v, cell.dataset.lang, cell.dataset.theme))) {
      if (value) {
        if (widget.getAttribute(name) !== value) widget.setAttribute(name, value);
      } else widget.removeAttribute(name);
    }
    cell.querySelector('.notes').textContent = v.notes;
    const selected = cell.dataset.lang === v.lang.toLowerCase() && cell.dataset.theme === chosenTheme;
    cell.classList.toggle('selected', selected);
    cell.setAttribute('aria-label', `${cell.querySelector('figcaption').textContent}${selected ? ' – sẽ được nhúng (will be embedded)' : ''}`);
  }
}

// Typing in a text field would otherwise fire a request per key stroke.
let timer = 0;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(update, 250);
}

function update() {
  const v = values();
  const periodOk = !v.period || periodEnd(v.period);
  $('period').setAttribute('aria-invalid', periodOk ? 'false' : 'true');
  $('period-error').textContent = periodOk ? '' : `"${v.period}" không phải là một kỳ (not a period).`;
  renderPreviews();
  void loadProvinces(regionsDate(v));
}

// ---------- The publishing key ----------

const keyInput = $('key');
const builderKey = publishingKey({
  input: keyInput,
  status: $('key-status'),
  empty: 'Chưa nhập khoá: cần để lưu (no key entered: needed to save).',
  describe: (viewer) => {
    const canSave = viewer.scopes.includes('PUBLISH') || viewer.scopes.includes('ADMIN');
    return [
      `Khoá của: ${viewer.name} — ${viewer.scopes.join(', ')} (${viewer.prefix}…)${canSave ? '' : ': không lưu được biểu đồ (cannot save charts)'}.`,
      canSave ? 'ok' : 'error',
    ];
  },
});
const key = builderKey.value;
const keyStatus = builderKey.say;
const checkKey = builderKey.check;

/** What to say when the gateway refuses a save, and where to go next. */
function refused(error) {
  if (error.code === 'UNAUTHENTICATED') {
    keyInput.setAttribute('aria-invalid', 'true');
    say(
      `${key() ? 'Khoá không được chấp nhận (the key was not accepted)' : 'Cần khoá xuất bản để lưu: dán khoá vào ô "Khoá xuất bản" (a publishing key is needed to save)'}: ${error.message}`,
      'error',
    );
    keyInput.focus();
    return true;
  }
  if (error.code === 'FORBIDDEN') {
    say(`Khoá này không được phép (this key is not allowed): ${error.message}. Lưu thành biểu đồ mới thì được (saving as a new chart is).`, 'error');
    $('save-new').hidden = false;
    $('save-new').focus();
    return true;
  }
  return false;
}

// ---------- Saving and embed codes ----------

function input(v) {
  const orNull = (s) => s || null;
  return {
    element: v.element,
    type: v.type,
    indicators: v.indicators,
    regions: v.regions,
    period: orNull(v.period),
    from: orNull(v.from),
    to: orNull(v.to),
    at: orNull(v.at),
    title: orNull(v.title),
    notes: orNull(v.notes),
    lang: v.lang,
    theme: v.theme,
  };
}

let saving = false;
async function save(asNew = false) {
  if (saving) return;
  const v = values();
  const wrong = problem(v);
  if (wrong) {
    say(wrong[0], 'error');
    wrong[1].focus();
    return;
  }
  if (!key()) {
    say('Cần khoá xuất bản để lưu: dán khoá vào ô "Khoá xuất bản" (a publishing key is needed to save). Quản trị viên cấp khoá: pnpm chiso keys create.', 'error');
    keyInput.setAttribute('aria-invalid', 'true');
    keyInput.focus();
    return;
  }
  saving = true;
  $('save').disabled = true;
  say('Đang lưu… (saving)');
  try {
    let chart = null;
    if (state.savedId && !asNew) chart = (await gql(UPDATE, { id: state.savedId, input: input(v) }, key())).updateChart;
    // updateChart answers null for an id the gateway does not know (a database reset): save anew.
    if (!chart) chart = (await gql(CREATE, { input: input(v) }, key())).createChart;
    showSaved(chart);
    say(`Đã lưu biểu đồ ${chart.id}, phiên bản ${chart.version} (saved, version ${chart.version}). Mã nhúng ở phần "Mã nhúng".`, 'ok');
  } catch (error) {
    if (!refused(error)) say(`Không lưu được (not saved): ${error.message}`, 'error');
  } finally {
    saving = false;
    $('save').disabled = false;
  }
}

function showSaved(chart) {
  state.savedId = chart.id;
  // The address now names the chart: reloading or sharing it edits the same chart.
  const url = new URL(location.href);
  url.searchParams.set('id', chart.id);
  history.replaceState(null, '', url);
  $('save').textContent = 'Lưu phiên bản mới (Save a new version)';
  $('save-new').hidden = false;
  const e = chart.embed;
  $('code-script').value = e.script;
  $('code-iframe').value = e.iframe;
  $('code-image').value = e.image;
  $('code-oembed').value = e.oembed;
  $('code-csv').value = e.csv;
  $('link-live').href = e.url;
  $('link-pinned').href = e.pinnedUrl;
  $('link-pinned').textContent = `Phiên bản ${chart.version}, cố định (pinned version ${chart.version})`;
  $('link-png').href = e.png;
  $('link-csv').href = e.csv;
  $('embed-summary').textContent = `Biểu đồ ${chart.id}, phiên bản ${chart.version}. Trang nhúng "live" luôn theo phiên bản mới nhất; liên kết cố định giữ phiên bản này. (Chart ${chart.id}, version ${chart.version}.)`;
  $('embed').hidden = false;
}

async function copy(button) {
  const area = $(button.dataset.copy);
  const label = document.querySelector(`label[for="${area.id}"]`).textContent;
  try {
    await navigator.clipboard.writeText(area.value); // throws where the Clipboard API is missing or refused
    say(`Đã chép: ${label} (copied).`, 'ok');
  } catch {
    // Fallback: select the text, try the old copy command, else let the person press Ctrl+C.
    area.focus();
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    say(copied ? `Đã chép: ${label} (copied).` : `Đã chọn mã; nhấn Ctrl+C (⌘C) để chép: ${label} (selected, press Ctrl+C).`, copied ? 'ok' : '');
  }
}

// ---------- Loading a saved chart (?id=) ----------

async function loadSaved(id) {
  say(`Đang mở biểu đồ ${id}… (opening)`);
  let data;
  try {
    data = await gql(chartQuery(true), { id });
  } catch (error) {
    // Older gateways expose no from/to on Chart: ask again without them rather than fail.
    if (!/from|to/.test(error.message) || !/Cannot query field/.test(error.message)) throw error;
    data = await gql(chartQuery(false), { id });
  }
  const chart = data.chart;
  if (!chart) {
    say(`Không có biểu đồ "${id}" (no such chart): bắt đầu biểu đồ mới.`, 'error');
    return;
  }
  form.querySelector(`input[name="element"][value="${chart.element}"]`).checked = true;
  adaptToElement();
  if (chart.type) $('type').value = chart.type;
  $('period').value = chart.period ?? '';
  $('from').value = chart.from ?? '';
  $('to').value = chart.to ?? '';
  $('title').value = chart.title ?? '';
  $('notes').value = chart.notes ?? '';
  $('lang').value = String(chart.lang ?? 'vi').toUpperCase();
  $('theme').value = chart.theme ?? 'light';
  state.regions = [...chart.regions];
  state.indicators = await nameIndicators(chart.indicators);
  renderChosen();
  renderResults();
  renderRegions();
  showSaved(chart);
  say(`Đã mở biểu đồ ${chart.id}, phiên bản ${chart.version} (opened).`, 'ok');
}

// ---------- Wiring ----------

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void save(false);
});
$('save-new').addEventListener('click', () => void save(true));

form.addEventListener('change', (event) => {
  if (event.target === keyInput) return; // not part of the chart
  if (event.target.name === 'element') adaptToElement();
  if (event.target.name === 'indicator' || event.target.name === 'region') return; // handled where they are drawn
  schedule();
});
form.addEventListener('input', (event) => {
  if (event.target.id === 'search' || event.target.id === 'region-filter' || event.target === keyInput) return;
  schedule();
});

let searchTimer = 0;
$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(search, 300);
});
// Enter in the search box searches; it must not submit (save) the form.
$('search').addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    clearTimeout(searchTimer);
    void search();
  }
});
$('search-button').addEventListener('click', () => void search());
$('region-filter').addEventListener('input', renderRegions);
$('region-filter').addEventListener('keydown', (event) => {
  if (event.key === 'Enter') event.preventDefault();
});
for (const button of document.querySelectorAll('[data-copy]')) button.addEventListener('click', () => void copy(button));

let keyTimer = 0;
keyInput.addEventListener('input', () => {
  builderKey.remember();
  clearTimeout(keyTimer);
  keyTimer = setTimeout(checkKey, 400);
});
$('key-check').addEventListener('click', () => void checkKey());
$('key-forget').addEventListener('click', () => {
  builderKey.forget();
  keyStatus('Đã quên khoá trên máy này (the key was forgotten on this device).');
  keyInput.focus();
});

async function start() {
  adaptToElement();
  if (builderKey.restore()) void checkKey();
  const id = new URL(location.href).searchParams.get('id');
  try {
    if (id) await loadSaved(id);
    else {
      state.indicators = await nameIndicators(state.indicators.map((i) => i.slug));
      renderChosen();
    }
  } catch (error) {
    say(`Lỗi (error): ${error.message}`, 'error');
  }
  await search();
  update();
}

void start();
