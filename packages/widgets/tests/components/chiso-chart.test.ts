import { userEvent } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/index.ts';
import { ChisoChart } from '../../src/components/chiso-chart/chiso-chart.ts';
import { defineElement } from '../../src/base/chiso-element.ts';
import { inline, twoSeries } from './fixtures.ts';
import { $, accessibilityViolations, gatewayUrl, mount, ready, waitFor } from './helpers.ts';

/** A text as read: the formats' non-breaking spaces (which keep a number and its unit on one line) as spaces. */
const plain = (text: string | null | undefined) => (text ?? '').replace(/\u00a0/g, ' ');

afterEach(() => {
  document.body.innerHTML = '';
});

/** A chart of the fixture, drawn at the width of its 640 px container (once the ResizeObserver has reported it). */
const chart = (type: string, lang = 'vi') =>
  mount<ChisoChart>(
    `<chiso-chart type="${type}" lang="${lang}" theme="light">${inline(twoSeries)}</chiso-chart>`,
    (el) => ready(el) && $(el, 'svg[part="chart"]')?.getAttribute('width') === '608',
  );

describe('<chiso-chart>', () => {
  it('has a text summary as its accessible name, in its language', async () => {
    const vi = await chart('line');
    const label = plain($(vi, 'svg[part="chart"]')!.getAttribute('aria-label'));
    expect($(vi, 'svg[part="chart"]')!.getAttribute('role')).toBe('img');
    expect(label).toMatch(/^Biểu đồ đường: Hồ sơ tiếp nhận/);
    expect(label).toContain('Quảng Nam, Đà Nẵng');
    expect(label).toContain('cao nhất 7.000 hồ sơ');
  });

  it('leaves a gap for a missing value instead of dropping to zero', async () => {
    const el = await chart('line');
    const path = $(el, 'path.line')!.getAttribute('d')!;
    expect(path.match(/M/g)).toHaveLength(2); // two segments around the missing May
    expect(el.shadowRoot!.querySelectorAll('.series')[0]!.querySelectorAll('.marker')).toHaveLength(5);
  });

  it('moves between points with the keyboard and shows the same tooltip a mouse gets', async () => {
    const el = await chart('line');
    const plot = $<HTMLElement>(el, '.plot')!;
    plot.focus();
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => !!$(el, '[part="tooltip"]'));
    expect(plain($(el, '[part="tooltip"]')!.textContent)).toBe('Quảng Nam · Tháng 1/2021: 5.200 hồ sơ');
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await waitFor(() => $(el, '[part="tooltip"]')!.textContent!.includes('Tháng 3/2021'));
    expect(plain($(el, '[aria-live="polite"]')!.textContent)).toBe('Quảng Nam · Tháng 3/2021: 6.100 hồ sơ');
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => $(el, '[part="tooltip"]')!.textContent!.startsWith('Đà Nẵng'));
    expect(plain($(el, '[part="tooltip"]')!.textContent)).toBe('Đà Nẵng · Tháng 3/2021: 4.800 hồ sơ');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => !$(el, '[part="tooltip"]'));

    // The mouse gets the same text.
    const markers = el.shadowRoot!.querySelectorAll('.series')[1]!.querySelectorAll('.marker');
    markers[5]!.dispatchEvent(new PointerEvent('pointerenter'));
    await waitFor(() => !!$(el, '[part="tooltip"]'));
    expect(plain($(el, '[part="tooltip"]')!.textContent)).toBe('Đà Nẵng · Tháng 6/2021: 5.900 hồ sơ');
  });

  it('shows the data as a table on request', async () => {
    const el = await chart('column', 'en');
    const toggle = $<HTMLButtonElement>(el, '[part="table-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => plain(c.textContent).trim()).join(' '));
    expect(rows[0]).toBe('Tháng 1/2021 5,200 dossiers 4,100 dossiers');
    expect(rows[4]).toBe('Tháng 5/2021 no data 5,600 dossiers');
  });

  it('reserves its height before data arrives, so the page does not jump', async () => {
    const host = document.createElement('div');
    host.innerHTML = `<chiso-chart indicator="dossiers_received" region="49" api="${gatewayUrl()}"></chiso-chart>`;
    document.body.append(host);
    const el = host.firstElementChild as ChisoChart;
    await el.updateComplete;
    const loadingHeight = el.getBoundingClientRect().height;
    expect($(el, '[part="skeleton"]')).not.toBeNull();
    expect(loadingHeight).toBeGreaterThanOrEqual(280);
    await waitFor(() => ready(el));
    expect(plain($(el, 'svg[part="chart"]')!.getAttribute('aria-label'))).toContain('54.913 hồ sơ');
    expect(el.getBoundingClientRect().height).toBeGreaterThanOrEqual(280);
  });

  it('labels only as many columns as fit, so labels never overlap', async () => {
    const months = Array.from({ length: 24 }, (_, i) => ({
      period: {
        code: `m${i}`,
        start: `20${20 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
        end: `20${20 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
        label: `Tháng ${(i % 12) + 1}/20${20 + Math.floor(i / 12)}`,
      },
      value: 1000 + i * 10,
    }));
    const data = { ...twoSeries, series: [{ key: '49', name: 'Quảng Nam', points: months }] };
    const el = await mount<ChisoChart>(
      `<chiso-chart type="column">${inline(data)}</chiso-chart>`,
      (e) => ready(e) && $(e, 'svg[part="chart"]')?.getAttribute('width') === '608',
    );
    const labels = [...el.shadowRoot!.querySelectorAll('text.category')].map((t) => t.getBoundingClientRect());
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.length).toBeLessThan(24);
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.left).toBeGreaterThan(labels[i - 1]!.right);
  });

  it('tolerates a second definition (two embeds of the bundle on one page)', () => {
    expect(() => defineElement('chiso-chart', class extends ChisoChart {})).not.toThrow();
    expect(customElements.get('chiso-chart')).toBe(ChisoChart);
  });

  it('passes an accessibility check, with the table open, in light and dark themes', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await mount<ChisoChart>(`<chiso-chart type="line" theme="${theme}">${inline(twoSeries)}</chiso-chart>`, ready);
      $<HTMLButtonElement>(el, '[part="table-toggle"]')!.click();
      await el.updateComplete;
      expect(await accessibilityViolations(el)).toEqual([]);
    }
  });
});
