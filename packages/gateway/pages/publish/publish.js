// The "Publish data" page: a key, a data file (and optionally a mapping and a catalogue), a dry-run
// check, then publishing. Everything the gateway says is shown as it said it; nothing is lost on an
// error (the form keeps its files).
import { upload } from '/shared/gateway.js';
import { publishingKey } from '/shared/publishing-key.js';
import { h, problemsTable, revisionsTable, summarise } from './report.js';

const IMPORT = `mutation PublishImport($file: File!, $mapping: File, $catalogue: File, $numbers: NumberConvention, $dryRun: Boolean) {
  importData(file: $file, mapping: $mapping, catalogue: $catalogue, numbers: $numbers, dryRun: $dryRun) {
    ok dryRun fileName format mappingName rows added revised unchanged problemCount
    problems { file row column value expected }
    revisions { row indicator region period { code label(lang: VI) } before after beforeRecordedAt }
    catalogue { units indicators sources }
    importId recordedAt durationMs
  }
}`;

const $ = (id) => document.getElementById(id);
const form = $('form');
const keyInput = $('key');
const fileInputs = { file: $('file'), mapping: $('mapping'), catalogue: $('catalogue') };
const checkButton = $('check');
const publishButton = $('publish');

const state = {
  busy: false,
  /** The inputs of the last check that found no problem and something to write; Publish sends only these. */
  cleanCheck: null,
  /** True once something was published from the current inputs. */
  published: false,
};

// ---------- The key ----------

const publisherKey = publishingKey({
  input: keyInput,
  status: $('key-status'),
  empty: 'Chưa nhập khoá (no key entered).',
  describe: (viewer) => {
    const where = viewer.regions.length ? `tỉnh ${viewer.regions.join(', ')}` : 'mọi tỉnh (all provinces)';
    return [`Khoá của: ${viewer.name} — ${viewer.scopes.join(', ')}, ${where}. (${viewer.prefix}…)`, 'ok'];
  },
});
const key = publisherKey.value;
const keyStatus = publisherKey.say;
const checkKey = publisherKey.check;

// ---------- Inputs and the Publish button ----------

const chosen = (name) => fileInputs[name].files?.[0] ?? null;
const numbers = () => $('numbers').value || null;

/** What a check was made of: the key, each file (name, size, time) and the number convention. */
function signature() {
  const files = Object.keys(fileInputs).map((name) => {
    const f = chosen(name);
    return f ? [f.name, f.size, f.lastModified] : null;
  });
  return JSON.stringify([key(), files, numbers()]);
}

const canPublish = () => !state.busy && state.cleanCheck !== null && state.cleanCheck === signature();

function updateButtons() {
  publishButton.setAttribute('aria-disabled', String(!canPublish()));
  checkButton.setAttribute('aria-disabled', String(state.busy));
  const hint = $('publish-hint');
  if (state.busy) return;
  if (canPublish()) hint.textContent = 'Đã kiểm tra, không có lỗi: có thể xuất bản. (Checked with no problem: ready to publish.)';
  else if (state.published)
    hint.textContent = 'Đã xuất bản. Chọn tệp khác và kiểm tra để xuất bản tiếp. (Published; choose other files and check them to publish more.)';
  else if (state.cleanCheck !== null)
    hint.textContent =
      'Khoá, tệp hoặc cách viết số đã đổi sau lần kiểm tra: hãy kiểm tra lại. (The key, files or number convention changed since the check: check again.)';
  else hint.textContent = 'Xuất bản được sau khi kiểm tra đúng các tệp này không có lỗi. (Publish is possible after a clean check of these same files.)';
}

// ---------- Progress ----------

const kB = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const size = (bytes) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${kB.format(bytes / 1024)} kB` : `${kB.format(bytes / 1024 / 1024)} MB`);

function showUpload(percent, loaded, total) {
  const bar = $('upload-progress');
  bar.value = percent;
  const text = `Tải lên (Upload): ${percent} %${total ? ` — ${size(loaded)} / ${size(total)}` : ''}`;
  bar.setAttribute('aria-valuetext', text);
  $('upload-label').textContent = text;
}

function showWorking(text) {
  $('working').hidden = text === null;
  if (text !== null) $('working-label').textContent = text;
}

// ---------- Sending ----------

/** The alert's words for each kind of refusal; the server's own message follows them. */
const refusals = {
  UNAUTHENTICATED: () =>
    key()
      ? 'Khoá không được chấp nhận (the key was not accepted):'
      : 'Thiếu khoá xuất bản: hãy dán khoá vào ô "Khoá xuất bản" (the publishing key is missing):',
  FORBIDDEN: () => 'Khoá này không được phép (this key is not allowed to):',
  BAD_USER_INPUT: () => 'Không đọc được tệp; sửa rồi gửi lại (a file cannot be read; fix it and send again):',
  NETWORK: () => 'Không gửi được (not sent):',
};

function showError(error) {
  const lead = refusals[error.code]?.() ?? `Lỗi (error${error.status ? `, HTTP ${error.status}` : ''}):`;
  $('alert').replaceChildren(h('p', {}, h('strong', {}, lead)), h('p', {}, error.message));
  if (error.code === 'UNAUTHENTICATED') keyInput.setAttribute('aria-invalid', 'true');
}

function refuse(text, focus) {
  $('alert').replaceChildren(h('p', {}, text));
  focus?.focus();
}

async function send(dryRun) {
  if (state.busy) return;
  if (!dryRun && !canPublish()) {
    refuse('Chưa thể xuất bản: hãy bấm "Kiểm tra" với đúng các tệp này trước, và sửa mọi lỗi. (Check these files first, with no problem left.)');
    return;
  }
  const file = chosen('file');
  if (!file) {
    fileInputs.file.setAttribute('aria-invalid', 'true');
    refuse('Chưa chọn tệp số liệu (choose a data file first).', fileInputs.file);
    return;
  }
  fileInputs.file.setAttribute('aria-invalid', 'false');
  const checked = signature();
  state.busy = true;
  updateButtons();
  $('result').setAttribute('aria-busy', 'true');
  $('alert').replaceChildren();
  $('tables').replaceChildren();
  $('status').replaceChildren(h('p', {}, dryRun ? 'Đang gửi để kiểm tra… (sending for a check)' : 'Đang gửi để xuất bản… (sending to publish)'));
  $('progress-box').hidden = false;
  showUpload(0, 0, file.size);
  showWorking(null);
  const working = dryRun ? 'Đang kiểm tra… (Checking…)' : 'Đang kiểm tra và ghi… (Checking and publishing…)';
  const uploaded = () => {
    showUpload(100, 0, 0);
    showWorking(working);
  };

  try {
    const { promise } = upload({
      query: IMPORT,
      variables: { numbers: numbers(), dryRun },
      files: { file, mapping: chosen('mapping'), catalogue: chosen('catalogue') },
      key: key(),
      onUploadProgress: (fraction, loaded, total) => showUpload(Math.min(100, Math.floor(fraction * 100)), loaded, total),
      onUploaded: uploaded,
    });
    const { importData: report } = await promise;
    uploaded(); // the answer came: the upload is whole, whatever progress events the browser sent
    const { lines, outcome } = summarise(report);
    $('status').replaceChildren(...lines);
    const tables = [];
    if (report.problems.length) tables.push(problemsTable(report));
    if (report.ok && report.revisions.length) tables.push(revisionsTable(report));
    $('tables').replaceChildren(...tables);
    state.cleanCheck = dryRun && outcome === 'ready' ? checked : null;
    state.published = outcome === 'published';
  } catch (error) {
    state.cleanCheck = null;
    $('status').replaceChildren(h('p', {}, 'Chưa ghi gì. (Nothing was written.)'));
    showError(error);
  } finally {
    showWorking(null);
    state.busy = false;
    $('result').setAttribute('aria-busy', 'false');
    updateButtons();
  }
}

// ---------- Wiring ----------

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void send(true);
});
publishButton.addEventListener('click', () => void send(false));

// Enter in the key field checks the key; it must not send the files.
keyInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    publisherKey.remember();
    void checkKey();
  }
});
keyInput.addEventListener('change', () => {
  publisherKey.remember();
  void checkKey();
});
keyInput.addEventListener('input', updateButtons);
$('key-check').addEventListener('click', () => {
  publisherKey.remember();
  void checkKey();
});
$('key-forget').addEventListener('click', () => {
  publisherKey.forget();
  keyStatus('Đã xoá khoá khỏi trình duyệt này (the key was removed from this browser).');
  updateButtons();
  keyInput.focus();
});

form.addEventListener('change', (event) => {
  if (event.target === fileInputs.file && chosen('file')) fileInputs.file.setAttribute('aria-invalid', 'false');
  if (event.target.type === 'file' || event.target.id === 'numbers') state.published = false;
  updateButtons();
});

if (publisherKey.restore()) void checkKey();
updateButtons();
