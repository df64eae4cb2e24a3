// What an import did, would do, or why it wrote nothing, drawn from the gateway's ImportReport.
// Vietnamese first, English in brackets, as everywhere in chiso's pages.

/** An element with attributes (`class`, data-…, aria-…) and children (strings or nodes). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

const count = new Intl.NumberFormat('vi-VN');
const n = (value) => count.format(value);

/** A decimal string written the Vietnamese way, exactly: "14700000" → "14.700.000", "-56.8" → "-56,8". */
export function viDecimal(decimal) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!m) return decimal;
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${m[3] ? `,${m[3]}` : ''}`;
}

const when = new Intl.DateTimeFormat('vi-VN', { day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const time = (iso) => h('time', { datetime: iso }, when.format(new Date(iso)));

const changedCatalogue = (c) => c.units + c.indicators + c.sources > 0;

/**
 * The summary lines for the status region: one sentence a person acts on, then the details.
 * @returns {{ lines: Node[], outcome: 'problems' | 'nothing' | 'ready' | 'published' }}
 */
export function summarise(report) {
  const counts = `thêm ${n(report.added)}, sửa ${n(report.revised)}, giữ nguyên ${n(report.unchanged)}`;
  const countsEn = `add ${n(report.added)}, revise ${n(report.revised)}, keep ${n(report.unchanged)} unchanged`;
  let outcome;
  let sentence;
  if (!report.ok) {
    outcome = 'problems';
    sentence = `Có ${n(report.problemCount)} lỗi — chưa ghi gì. (${n(report.problemCount)} ${report.problemCount === 1 ? 'problem' : 'problems'} found — nothing written.)`;
  } else if (report.added + report.revised === 0 && !changedCatalogue(report.catalogue)) {
    outcome = 'nothing';
    sentence = report.dryRun
      ? `Không có gì thay đổi: ${n(report.unchanged)} giá trị đã có đúng như vậy — chưa ghi gì. (Nothing would change: the values are already stored.)`
      : `Không có gì thay đổi — không ghi gì. (Nothing changed; nothing was written.)`;
  } else if (report.dryRun) {
    outcome = 'ready';
    sentence = `Sẽ ${counts} — chưa ghi gì. (Would ${countsEn} — nothing written yet.)`;
  } else {
    outcome = 'published';
    sentence = [
      `Đã ${counts} (lần nhập số ${report.importId}, ghi lúc `,
      time(report.recordedAt),
      `). (Added ${n(report.added)}, revised ${n(report.revised)}, unchanged ${n(report.unchanged)}: import no. ${report.importId}.)`,
    ];
  }
  const lines = [h('p', { class: `summary ${outcome === 'problems' ? 'problems' : 'ok'}` }, sentence)];
  if (outcome === 'ready') lines.push(h('p', {}, 'Xem lại rồi bấm "Xuất bản" để ghi. (Review, then press Publish to write.)'));
  const c = report.catalogue;
  if (changedCatalogue(c)) {
    lines.push(
      h(
        'p',
        {},
        `Danh mục${report.dryRun ? ' (sẽ)' : ''}: ${n(c.units)} đơn vị, ${n(c.indicators)} chỉ số, ${n(c.sources)} nguồn được định nghĩa hoặc sửa. (Catalogue: units, indicators, sources defined or changed.)`,
      ),
    );
  }
  const meta = [
    report.fileName,
    report.format,
    report.mappingName ? `ánh xạ (mapping) ${report.mappingName}` : null,
    `${n(report.rows)} dòng (rows)`,
    `${n(report.durationMs)} ms`,
  ];
  lines.push(h('p', { class: 'meta' }, meta.filter(Boolean).join(' · ')));
  return { lines, outcome };
}

/**
 * A table inside a box that scrolls (the page never does), with explicit roles so that screen
 * readers keep it a table when a phone's stylesheet draws each row as a card.
 */
function table(id, caption, columns, rows) {
  const head = h(
    'tr',
    { role: 'row' },
    columns.map(([label, , cls]) => h('th', { scope: 'col', role: 'columnheader', class: cls }, label)),
  );
  const body = rows.map((cells) =>
    h(
      'tr',
      { role: 'row' },
      cells.map((cell, i) => h('td', { role: 'cell', class: columns[i][2], 'data-label': columns[i][1] }, cell)),
    ),
  );
  const captionId = `${id}-caption`;
  return h(
    'div',
    { class: 'table-scroll', role: 'region', tabindex: 0, 'aria-labelledby': captionId },
    h(
      'table',
      { id, class: 'stack', role: 'table' },
      h('caption', { id: captionId }, caption),
      h('thead', { role: 'rowgroup' }, head),
      h('tbody', { role: 'rowgroup' }, body),
    ),
  );
}

const dash = '—';

/** The problems: where (row, column), what was seen, what the cell should hold. */
export function problemsTable(report) {
  const otherFiles = report.problems.some((p) => p.file !== report.fileName);
  const columns = [
    ['Dòng (Row)', 'Dòng', 'num'],
    ...(otherFiles ? [['Tệp (File)', 'Tệp']] : []),
    ['Cột (Column)', 'Cột'],
    ['Giá trị thấy (Value seen)', 'Giá trị', 'value'],
    ['Cần (Expected)', 'Cần', 'expected'],
  ];
  const rows = report.problems.map((p) => [
    p.row === 0 ? 'cả tệp (whole file)' : String(p.row),
    ...(otherFiles ? [p.file] : []),
    p.column ?? dash,
    p.value ?? '(trống / empty)',
    p.expected,
  ]);
  const shown = report.problems.length;
  const caption = `Lỗi (Problems): ${n(report.problemCount)}${shown < report.problemCount ? ` — ${n(shown)} đầu tiên (first ${n(shown)} shown)` : ''}`;
  return table('problems', caption, columns, rows);
}

/** The stored values the import replaces (the old ones are kept as earlier vintages). */
export function revisionsTable(report) {
  const columns = [
    ['Dòng (Row)', 'Dòng', 'num'],
    ['Chỉ số (Indicator)', 'Chỉ số'],
    ['Tỉnh (Region)', 'Tỉnh'],
    ['Kỳ (Period)', 'Kỳ'],
    ['Trước (Before)', 'Trước', 'num'],
    ['Sau (After)', 'Sau', 'num'],
    ['Ghi lúc (Recorded)', 'Ghi lúc'],
  ];
  const rows = report.revisions.map((r) => [
    String(r.row),
    h('code', {}, r.indicator),
    r.region,
    [r.period.label, ' ', h('code', { class: 'period' }, r.period.code)],
    viDecimal(r.before),
    viDecimal(r.after),
    time(r.beforeRecordedAt),
  ]);
  const verb = report.dryRun ? 'Giá trị sẽ sửa (Values to be revised)' : 'Giá trị đã sửa (Values revised)';
  const shown = report.revisions.length;
  const caption = `${verb}: ${n(report.revised)}${shown < report.revised ? ` — ${n(shown)} đầu tiên (first ${n(shown)} shown)` : ''}. Giá trị cũ vẫn được lưu (the old values are kept).`;
  return table('revisions', caption, columns, rows);
}
