import { afterEach, describe, expect, it } from 'vitest';
import '../../src/index.ts';
import * as fixtures from '../../../charts/tests/fixtures.ts';
import { inline } from './fixtures.ts';
import { $, ready, waitFor } from './helpers.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

/**
 * The label defects a newsroom editor found (issue 10), each asserted in Chromium on a phone's
 * and a desktop's width: what the reader sees, measured on the page.
 */
describe.each([375, 1280])('labels at %i px', (page) => {
  const show = async (markup: string) => {
    const host = document.createElement('div');
    host.style.width = `${page}px`;
    host.innerHTML = markup;
    document.body.append(host);
    const el = host.firstElementChild as HTMLElement;
    await waitFor(() => ready(el) && $(el, 'svg[part="chart"]')?.getAttribute('width') === String(page - 32));
    return el;
  };
  const all = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)];
  const plain = (t: Element) => t.textContent!.replace(/\u00a0/g, ' ');

  it.each(['column', 'bar'])('a %s chart names every series in a legend, and says which has no data', async (type) => {
    const el = await show(`<chiso-chart type="${type}">${inline(fixtures.series)}</chiso-chart>`);
    expect(all(el, 'text.legend-label').map(plain)).toEqual(['Quảng Nam', 'Đà Nẵng', 'Quảng Ngãi: không có số liệu']);
  });

  it('a line chart says which series has no data', async () => {
    const el = await show(`<chiso-chart type="line">${inline(fixtures.series)}</chiso-chart>`);
    expect(all(el, 'text.legend-label').map(plain)).toEqual(['Quảng Ngãi: không có số liệu']);
  });

  it('the value axis ends at or above the highest bar (892 under a gridline of 1.000)', async () => {
    const el = await show(`<chiso-chart type="bar">${inline(fixtures.ranges)}</chiso-chart>`);
    const bars = all(el, 'rect.bar').map((r) => r.getBoundingClientRect());
    const gridlines = all(el, 'line.gridline').map((l) => l.getBoundingClientRect());
    expect(Math.max(...gridlines.map((g) => g.right))).toBeGreaterThanOrEqual(Math.max(...bars.map((b) => b.right)) - 0.5);
    expect(all(el, 'text.tick').at(-1)!.textContent).toBe('1.000');
    const columns = await show(`<chiso-chart type="column">${inline(fixtures.series)}</chiso-chart>`);
    const tops = all(columns, 'rect.bar').map((r) => r.getBoundingClientRect().top);
    const highest = Math.min(...all(columns, 'line.gridline').map((l) => l.getBoundingClientRect().top));
    expect(highest).toBeLessThanOrEqual(Math.min(...tops) + 0.5);
  });

  it('every text of every element stays inside the element (no cut bar labels, nothing spills out of the card)', async () => {
    const elements = [
      `<chiso-chart type="bar">${inline(fixtures.ranges)}</chiso-chart>`,
      `<chiso-chart type="line">${inline(fixtures.series)}</chiso-chart>`,
      `<chiso-chart type="column">${inline(fixtures.series)}</chiso-chart>`,
      `<chiso-kpi>${inline(fixtures.kpi)}</chiso-kpi>`,
      `<chiso-ranking region="49">${inline(fixtures.ranking)}</chiso-ranking>`,
      `<chiso-share type="donut">${inline(fixtures.share)}</chiso-share>`,
    ];
    for (const markup of elements) {
      const el = await show(markup);
      const box = el.getBoundingClientRect();
      for (const text of all(el, 'svg text, .title, .subtitle, figcaption')) {
        const r = text.getBoundingClientRect();
        expect({ text: text.textContent, inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 }).toEqual({ text: text.textContent, inside: true });
      }
      expect(el.scrollWidth).toBeLessThanOrEqual(page);
    }
    // The long range of a bar is written whole, on two lines where it needs them, never cut.
    const bar = await show(`<chiso-chart type="bar">${inline(fixtures.ranges)}</chiso-chart>`);
    expect(
      all(bar, 'text.category')
        .map((t) => t.textContent)
        .join(' '),
    ).toContain('15/12/2020 – 15/9/2021');
  });

  it('a table wider than the card scrolls inside it, never past its edge', async () => {
    const wide = {
      ...fixtures.series,
      series: [...fixtures.series.series, ...fixtures.series.series.map((s) => ({ ...s, key: `${s.key}x`, name: `${s.name} (2)` }))],
    };
    const el = await show(`<chiso-chart type="column">${inline(wide)}</chiso-chart>`);
    $<HTMLButtonElement>(el, '[part="table-toggle"]')!.click();
    await waitFor(() => !!$(el, 'tbody td'));
    const scroller = $<HTMLElement>(el, '.table-scroll')!;
    expect(scroller.getBoundingClientRect().right).toBeLessThanOrEqual(el.getBoundingClientRect().right);
    expect(el.scrollWidth).toBeLessThanOrEqual(page);
    if (page === 375) expect(scroller.scrollWidth).toBeGreaterThan(scroller.clientWidth);
  });

  it('a number and its unit stay on one line in the table', async () => {
    const el = await show(`<chiso-chart type="column">${inline(fixtures.series)}</chiso-chart>`);
    $<HTMLButtonElement>(el, '[part="table-toggle"]')!.click();
    await waitFor(() => !!$(el, 'tbody td'));
    const lines = (td: Element) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    const values = all(el, 'tbody td').filter((td) => /\d/.test(td.textContent!));
    for (const td of values) expect({ text: td.textContent, lines: lines(td) }).toEqual({ text: td.textContent, lines: 1 });
    if (page === 375) {
      // The same cells with ordinary spaces do break on a phone: the non-breaking spaces are what keeps them whole.
      for (const td of values) td.textContent = td.textContent!.replace(/\u00a0/g, ' ');
      expect(values.some((td) => lines(td) > 1)).toBe(true);
    }
  });

  it('a fall is written with one sign: "giảm 56,8 %"', async () => {
    const el = await show(`<chiso-kpi>${inline(fixtures.kpi)}</chiso-kpi>`);
    expect(plain($(el, '[part="change"]')!)).toBe('giảm 56,8 % (theo nguồn)');
    expect(el.shadowRoot!.textContent).not.toContain('\u2212');
  });

  it('a ranking counts the provinces without data in one line', async () => {
    const el = await show(`<chiso-ranking region="49">${inline(fixtures.ranking)}</chiso-ranking>`);
    expect(all(el, 'text.label')).toHaveLength(5);
    expect($(el, 'text.missing')!.textContent).toBe('58 tỉnh chưa có số liệu');
    // Type stays at 12 px or more on a phone: the drawing is made at the element's width, not scaled down.
    const smallest = Math.min(
      ...all(el, 'text').map(
        (t) => Number.parseFloat(getComputedStyle(t).fontSize) * (t.getBoundingClientRect().width / (t as SVGTextElement).getBBox().width || 1),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(11);
  });
});
