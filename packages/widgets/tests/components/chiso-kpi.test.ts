import { afterEach, describe, expect, it } from 'vitest';
import '../../src/index.ts';
import { $, accessibilityViolations, gatewayUrl, mount, ready, setGatewayUp, shadowText } from './helpers.ts';

/** A text mark's words, its non-breaking spaces read as spaces. */
const text = (el: Element, selector: string) => $(el, selector)!.textContent!.replace(/\s+/g, ' ').trim();

afterEach(async () => {
  document.body.innerHTML = '';
  await setGatewayUp(true);
});

describe('<chiso-kpi> with the gateway', () => {
  it('shows the on-time rate as "99,8 %" in Vietnamese, with period and source', async () => {
    const el = await mount(`<chiso-kpi indicator="dossiers_on_time_rate" region="49" api="${gatewayUrl()}"></chiso-kpi>`, ready);
    expect(text(el, '[part="value"]')).toBe('99,8 %');
    expect($(el, '[part="subtitle"]')!.textContent!.trim()).toBe('15/12/2020 – 15/9/2021');
    expect($(el, '[part="source"]')!.textContent!.trim()).toBe('Nguồn: Người Lao Động (10/10/2021)');
    expect($(el, '[part="title"]')!.textContent).toContain('Quảng Nam');
  });

  it('shows "99.8%" in English', async () => {
    const el = await mount(`<chiso-kpi lang="en" indicator="dossiers_on_time_rate" region="49" api="${gatewayUrl()}"></chiso-kpi>`, ready);
    expect(text(el, '[part="value"]')).toBe('99.8%');
    expect($(el, '[part="source"]')!.textContent!.trim()).toBe('Source: Người Lao Động (10 Oct 2021)');
  });

  it('labels a reported change and the previous value derived from it', async () => {
    const el = await mount(`<chiso-kpi indicator="fdi_capital_registered" region="49" api="${gatewayUrl()}"></chiso-kpi>`, ready);
    expect(text(el, '[part="value"]')).toBe('14,7 triệu USD');
    // One sign: the arrow is a shape and the word says the direction; newsrooms write "giảm 56,8 %".
    expect(text(el, '[part="change"]')).toBe('giảm 56,8 % (theo nguồn)');
    expect([...el.shadowRoot!.querySelectorAll('text.derived')].map((t) => t.textContent!.replace(/\s+/g, ' ')).join(' ')).toBe(
      'Cùng kỳ năm trước (ước tính từ mức thay đổi): khoảng 34,0 triệu USD',
    );
    expect($(el, 'path.arrow')!.getAttribute('fill')).toBe('var(--chiso-negative)'); // less FDI is bad news
    expect($(el, 'text.change-text')!.getAttribute('fill')).toBe('var(--chiso-negative)');
  });

  it('shows a qualifier: "trên 90 %"', async () => {
    const el = await mount(`<chiso-kpi indicator="egov_signed_edocs_share" region="49" api="${gatewayUrl()}"></chiso-kpi>`, ready);
    expect(text(el, '[part="value"]')).toBe('trên 90,0 %');
  });

  it('shows the error state when the gateway is unreachable and recovers on retry', async () => {
    await setGatewayUp(false);
    const el = await mount(`<chiso-kpi indicator="dossiers_resolved" region="49" api="${gatewayUrl()}"></chiso-kpi>`, ready);
    const alert = $(el, '[role="alert"]')!;
    expect(alert.textContent).toContain('Không tải được số liệu: không kết nối được máy chủ.');
    await setGatewayUp(true);
    $<HTMLButtonElement>(el, '[part="retry"]')!.click();
    await new Promise<void>((resolve) => el.addEventListener('chiso-kpi-load', () => resolve(), { once: true }));
    await (el as any).updateComplete;
    expect(text(el, '[part="value"]')).toBe('44.657 hồ sơ');
    expect($(el, '[role="alert"]')).toBeNull();
  });

  it('says an indicator is unknown, and gives a clear message for a missing attribute', async () => {
    const unknown = await mount(`<chiso-kpi indicator="no_such_indicator" region="49" api="${gatewayUrl()}"></chiso-kpi>`, ready);
    expect($(unknown, '[role="alert"]')!.textContent).toContain('Máy chủ không có chỉ số “no_such_indicator”');
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const invalid = await mount(`<chiso-kpi region="49"></chiso-kpi>`, ready);
      (invalid as any).lang = 'en';
      await (invalid as any).updateComplete;
      expect(shadowText(invalid)).toContain('set the "indicator" attribute');
      expect(errors).toEqual(['<chiso-kpi>: set the "indicator" attribute to an indicator slug, e.g. indicator="dossiers_on_time_rate"']);
    } finally {
      console.error = original;
    }
  });

  it('shares one request between elements that need the same data', async () => {
    const before = performance.getEntriesByType('resource').length;
    const markup = `<chiso-kpi indicator="enterprises_new" region="49" api="${gatewayUrl()}"></chiso-kpi>`;
    await Promise.all([mount(markup, ready), mount(markup, ready)]);
    const requests = performance
      .getEntriesByType('resource')
      .slice(before)
      .filter((e) => e.name.includes('enterprises_new'));
    expect(requests).toHaveLength(1);
    // A GET a CDN can cache, naming the persisted document by its hash rather than sending its text.
    expect(requests[0]!.name).toMatch(/\/graphql\?documentId=sha256%3A[0-9a-f]{64}&variables=/);
    expect(requests[0]!.name).not.toContain('query=');
  });

  it('passes an accessibility check in light and dark themes', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await mount(`<chiso-kpi theme="${theme}" indicator="dossiers_on_time_rate" region="49" api="${gatewayUrl()}"></chiso-kpi>`, ready);
      expect(await accessibilityViolations(el)).toEqual([]);
    }
  });
});
