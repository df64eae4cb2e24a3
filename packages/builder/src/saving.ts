// Saving the chart as a new version or a new chart, and what the gateway's refusals mean for the journalist.
import type { PublishingKey } from '/shared/publishing-key.js';
import { showEmbed } from './dom/embed.ts';
import { codeOf, reason, saveChart } from './gateway.ts';
import { chartInput } from './model/chart-input.ts';
import type { SavedChart } from './model/queries.ts';
import { problem } from './model/validate.ts';
import { field, say, state, values } from './page.ts';

/** What to say when the gateway refuses a save, and where to go next; false for other failures. */
function refused(key: PublishingKey, error: unknown): boolean {
  const keyInput = field('key');
  const code = codeOf(error);
  if (code === 'UNAUTHENTICATED') {
    keyInput.setAttribute('aria-invalid', 'true');
    say(
      `${key.value() ? 'Khoá không được chấp nhận (the key was not accepted)' : 'Cần khoá xuất bản để lưu: dán khoá vào ô "Khoá xuất bản" (a publishing key is needed to save)'}: ${reason(error)}`,
      'error',
    );
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

/** Checks the form, then saves a new version of the chart opened (or a new chart, `asNew`), and shows its embed codes. */
export async function save(key: PublishingKey, asNew: boolean): Promise<void> {
  const keyInput = field('key');
  if (state.saving) return;
  const v = values();
  const wrong = problem(v);
  if (wrong) {
    say(wrong.message, 'error');
    field(wrong.field).focus();
    return;
  }
  if (!key.value()) {
    say(
      'Cần khoá xuất bản để lưu: dán khoá vào ô "Khoá xuất bản" (a publishing key is needed to save). Quản trị viên cấp khoá: pnpm chiso keys create.',
      'error',
    );
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
    if (!refused(key, error)) say(`Không lưu được (not saved): ${reason(error)}`, 'error');
  } finally {
    state.saving = false;
    field<HTMLButtonElement>('save').disabled = false;
  }
}

export function showSaved(chart: SavedChart): void {
  state.savedId = chart.id;
  // The address now names the chart: reloading or sharing it edits the same chart.
  const url = new URL(location.href);
  url.searchParams.set('id', chart.id);
  history.replaceState(null, '', url);
  field('save').textContent = 'Lưu phiên bản mới (Save a new version)';
  field('save-new').hidden = false;
  showEmbed(chart);
}
