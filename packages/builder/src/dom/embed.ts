import type { SavedChart } from '../model/queries.ts';
import { byId } from './h.ts';

const CODES = { 'code-script': 'script', 'code-iframe': 'iframe', 'code-image': 'image', 'code-oembed': 'oembed', 'code-csv': 'csv' } as const;

/** Fills the "Embed codes" panel with a saved chart's codes and links, and shows it. */
export function showEmbed(chart: SavedChart): void {
  const e = chart.embed;
  for (const [id, field] of Object.entries(CODES)) byId<HTMLTextAreaElement>(id).value = e[field];
  byId<HTMLAnchorElement>('link-live').href = e.url;
  const pinned = byId<HTMLAnchorElement>('link-pinned');
  pinned.href = e.pinnedUrl;
  pinned.textContent = `Phiên bản ${chart.version}, cố định (pinned version ${chart.version})`;
  byId<HTMLAnchorElement>('link-png').href = e.png;
  byId<HTMLAnchorElement>('link-csv').href = e.csv;
  byId('embed-summary').textContent =
    `Biểu đồ ${chart.id}, phiên bản ${chart.version}. Trang nhúng "live" luôn theo phiên bản mới nhất; liên kết cố định giữ phiên bản này. (Chart ${chart.id}, version ${chart.version}.)`;
  byId('embed').hidden = false;
}

/** Copies a code to the clipboard; where that is refused, selects it for Ctrl+C. Says what happened. */
export async function copyCode(button: HTMLElement, say: (message: string, kind?: '' | 'ok' | 'error') => void): Promise<void> {
  const area = byId<HTMLTextAreaElement>(button.dataset.copy ?? '');
  const label = document.querySelector(`label[for="${area.id}"]`)?.textContent ?? area.id;
  try {
    await navigator.clipboard.writeText(area.value); // throws where the Clipboard API is missing or refused
    say(`Đã chép: ${label} (copied).`, 'ok');
  } catch {
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
