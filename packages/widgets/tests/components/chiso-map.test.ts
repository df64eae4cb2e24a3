import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../../src/index.ts';
import type { ChisoMap } from '../../src/components/chiso-map/chiso-map.ts';
import { spotsOf } from '@chiso/charts/map/province-moves';
import { $, accessibilityViolations, gatewayUrl, shadowText, waitFor } from './helpers.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

/** Screenshots for a person to look at, with VITE_CHISO_SCREENSHOTS=1: packages/widgets/.screenshots/ (git-ignored). */
const shots = import.meta.env.VITE_CHISO_SCREENSHOTS ? '../../.screenshots' : undefined;

const drawn = (el: Element) => !!el.shadowRoot?.querySelector('path.province') || !!el.shadowRoot?.querySelector('[role="alert"], [part="empty"]');

async function mountMap(attributes: string, width: number): Promise<ChisoMap> {
  await page.viewport(width, 900);
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  host.innerHTML = `<chiso-map api="${gatewayUrl()}" ${attributes}></chiso-map>`;
  document.body.append(host);
  const el = host.firstElementChild as ChisoMap;
  await waitFor(() => drawn(el), 20_000);
  // Drawn at the element's own width (observed after the first frame).
  await waitFor(
    () => !el.shadowRoot!.querySelector('svg[part="chart"]') || el.shadowRoot!.querySelector('svg[part="chart"]')!.getAttribute('width') === String(width - 32),
  );
  return el;
}

const paths = (el: Element) => [...el.shadowRoot!.querySelectorAll<SVGPathElement>('path.province')];
const legend = (el: Element) => [...el.shadowRoot!.querySelectorAll('text.legend-label')].map((t) => t.textContent);
const hatched = (el: Element) => paths(el).filter((p) => p.getAttribute('fill')!.startsWith('url(#'));

describe('<chiso-map>', () => {
  for (const width of [375, 1280]) {
    it(`draws PCI 2021 on the 63 provinces with a legend of classes and a summary as its name, at ${width} px`, async () => {
      const el = await mountMap('indicator="pci_score" period="2021" region="49"', width);
      expect(paths(el)).toHaveLength(63);
      const name = $(el, 'svg[part="chart"]')!.getAttribute('aria-label')!;
      expect(name).toMatch(
        /^Chỉ số năng lực cạnh tranh cấp tỉnh \(PCI\), năm 2021: Quảng Ninh cao nhất, 73,02; .+ thấp nhất, \d\d,\d\d; 63\/63 tỉnh, thành phố có số liệu\.$/,
      );
      const classes = el.shadowRoot!.querySelectorAll('rect.swatch');
      expect(classes.length).toBeGreaterThanOrEqual(2);
      expect(classes.length).toBeLessThanOrEqual(7);
      // The first class starts at the lowest value, the last ends at Quảng Ninh's 73,02, in vi-VN numbers.
      expect(legend(el).at(-1)).toMatch(/^\d\d(,\d+)? – 73,02$/);
      expect(el.shadowRoot!.querySelectorAll('path.highlight')).toHaveLength(1);
      expect(shadowText(el)).toContain('Ranh giới tỉnh: Vietnamese Provinces Database v4.2.0');
      // Side by side on a desktop, the legend under the map on a phone.
      const legendX = Number(el.shadowRoot!.querySelector('rect.swatch')!.getAttribute('x'));
      expect(width >= 600 ? legendX >= 600 : legendX < 20).toBe(true);
      const box = $(el, 'svg[part="chart"]')!.getBoundingClientRect();
      expect(box.width).toBeLessThanOrEqual(width);
      expect(await accessibilityViolations(el)).toEqual([]);
      if (shots) await page.screenshot({ path: `${shots}/map-pci-2021-${width}.png`, element: el });
    });
  }

  it('hatches the provinces without data and names them in the legend', async () => {
    const el = await mountMap('indicator="enterprises_new" period="2021-YTD-09" lang="en"', 1280);
    expect(hatched(el)).toHaveLength(62);
    const noData = legend(el).find((t) => t!.startsWith('No data (62)'));
    expect(noData).toMatch(/^No data \(62\): An Giang, Ba Ria - Vung Tau/);
    expect($(el, 'svg[part="chart"]')!.getAttribute('aria-label')).toMatch(
      /^Newly established enterprises, 9 months of 2021: Quang Nam highest, 892; 1 of 63 provinces with data; no data: /,
    );
  });

  it('moves with the arrow keys to the nearest province that way, showing the text a pointer shows', async () => {
    const el = await mountMap('indicator="pci_score" period="2021"', 1280);
    const spots = spotsOf(el.scene!.marks);
    const at = (key: string | undefined) => spots.find((s) => s.key === key)!;
    const focused = () => (el.shadowRoot!.activeElement as SVGPathElement | null)?.dataset.key;
    const tipShows = async (key: string) => waitFor(() => $(el, '.tip')?.textContent === at(key).tip);
    // Hà Nội has neighbours on every side.
    const hanoi = paths(el).find((p) => p.dataset.key === '01')!;
    const moves: Array<[string, (from: { x: number; y: number }, to: { x: number; y: number }) => boolean]> = [
      ['ArrowRight', (a, b) => b.x > a.x],
      ['ArrowLeft', (a, b) => b.x < a.x],
      ['ArrowDown', (a, b) => b.y > a.y],
      ['ArrowUp', (a, b) => b.y < a.y],
    ];
    for (const [key, holds] of moves) {
      hanoi.focus();
      await tipShows('01');
      expect(hanoi.getAttribute('aria-label')).toBe(at('01').tip);
      await userEvent.keyboard(`{${key}}`);
      await waitFor(() => !!focused() && focused() !== '01');
      const to = focused()!;
      expect(holds(at('01'), at(to)), `${key} from Hà Nội went to ${at(to).tip}`).toBe(true);
      // The focused province is the one Tab reaches, and shows the text a pointer would.
      expect((el.shadowRoot!.activeElement as SVGPathElement).getAttribute('tabindex')).toBe('0');
      await waitFor(() => hanoi.getAttribute('tabindex') === '-1');
      await tipShows(to);
      expect(at(to).tip).toMatch(/^[^:]+: \d\d,\d\d điểm$/);
      if (key === 'ArrowRight' && shots) await page.screenshot({ path: `${shots}/map-keyboard-1280.png`, element: el });
      // The pointer over the same province shows the same text.
      const box = el.shadowRoot!.activeElement!.getBoundingClientRect();
      el.shadowRoot!.activeElement!.dispatchEvent(
        new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: box.left + 2, clientY: box.top + 2 }),
      );
      await tipShows(to);
    }
    await userEvent.keyboard('{Home}');
    await waitFor(() => focused() === spots[0]!.key);
    await userEvent.keyboard('{End}');
    await waitFor(() => focused() === spots.at(-1)!.key);
    expect(at(focused()).tip).toMatch(/^Cà Mau: /);
  });

  it('shows its values as a table on request', async () => {
    const el = await mountMap('indicator="pci_score" period="2021"', 375);
    expect($(el, 'table')).toBeNull();
    $<HTMLButtonElement>(el, '.actions button')!.click();
    await waitFor(() => !!$(el, 'table'));
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent!.trim()));
    expect(rows).toHaveLength(63);
    expect(rows[0]).toEqual(['Quảng Ninh', '73,02 điểm']);
    expect(rows.at(-1)![0]).toBe('Cao Bằng');
    expect(await accessibilityViolations(el)).toEqual([]);
  });

  it("draws a flow of 2022 on today's 34 provinces from composed values, and says so", async () => {
    const el = await mountMap('indicator="enterprises_new" period="2022" at="2026-12-02" region="48"', 1280);
    expect(paths(el)).toHaveLength(34);
    const danang = paths(el).find((p) => p.dataset.key === '48')!;
    expect(danang.getAttribute('aria-label')).toMatch(/^Đà Nẵng: [\d.]+ doanh nghiệp \(cộng gộp từ Đà Nẵng và Quảng Nam\)$/);
    const notes = [...el.shadowRoot!.querySelectorAll('text.note')].map((t) => t.textContent).join(' ');
    expect(notes).toContain('cộng gộp theo 34 tỉnh, thành phố từ 1/7/2025 (Nghị quyết 202/2025/QH15)');
    expect(hatched(el)).toHaveLength(0);
    if (shots) await page.screenshot({ path: `${shots}/map-enterprises-2022-on-34-1280.png`, element: el });
  });

  it('breaks a composite index at merged provinces instead of averaging it', async () => {
    const el = await mountMap('indicator="pci_score" period="2021" at="today"', 375);
    expect(paths(el)).toHaveLength(34);
    const danang = paths(el).find((p) => p.dataset.key === '48')!;
    expect(danang.getAttribute('fill')).toMatch(/^url\(#/);
    expect(danang.getAttribute('aria-label')).toBe('Đà Nẵng: không so sánh được: chỉ số tổng hợp của các tỉnh cũ không cộng gộp được (Đà Nẵng và Quảng Nam)');
    // Hà Nội kept its borders: it keeps its value.
    expect(
      paths(el)
        .find((p) => p.dataset.key === '01')!
        .getAttribute('aria-label'),
    ).toMatch(/^Hà Nội: \d\d,\d\d điểm$/);
    expect(legend(el).some((t) => t!.startsWith('Không so sánh được (23)'))).toBe(true);
    expect(await accessibilityViolations(el)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/map-pci-2021-on-34-375.png`, element: el });
  });

  it('says what to fix in a bad "at"', async () => {
    const el = await mountMap('indicator="pci_score" period="2021" at="1/7/2025"', 375);
    expect(shadowText(el)).toContain('"at" is "1/7/2025": write an ISO date such as 2025-07-01, or "today"');
  });
});
