import { afterEach, describe, expect, it } from 'vitest';
import '../../src/index.ts';
import { $, accessibilityViolations, gatewayUrl, mount, ready, shadowText } from './helpers.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

const shares = 'dossiers_online_share,dossiers_onsite_4step_share,dossiers_postal_return_share';

describe('<chiso-share>', () => {
  it('shows the online, 4-step and postal shares of dossiers received', async () => {
    const el = await mount(`<chiso-share indicator="${shares}" region="49" api="${gatewayUrl()}"></chiso-share>`, ready);
    const items = [...el.shadowRoot!.querySelectorAll('[part="legend"] g.legend-item')].map((g) =>
      [...g.querySelectorAll('text')]
        .map((t) => t.textContent)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(items.slice(0, 3).map((t) => t.split(': ')[1])).toEqual(['27,6 %', '35,0 %', '36,9 %']);
    expect(items[3]).toBe('Còn lại: 0,5 %');
    expect(el.shadowRoot!.querySelectorAll('rect.part')).toHaveLength(3);
    // Neighbouring parts differ without colour: every other one is hatched.
    expect([...el.shadowRoot!.querySelectorAll('rect.part')].map((r) => r.getAttribute('fill')!.startsWith('url(#hatch-'))).toEqual([false, true, false]);
  });

  it('draws a donut on request and passes an accessibility check', async () => {
    const el = await mount(`<chiso-share type="donut" lang="en" indicator="${shares}" region="49" api="${gatewayUrl()}"></chiso-share>`, ready);
    expect(el.shadowRoot!.querySelectorAll('path.part')).toHaveLength(3);
    expect(await accessibilityViolations(el)).toEqual([]);
  });
});

describe('<chiso-ranking>', () => {
  it("ranks the provinces of 2021 with data, highlights the page's region and counts the others in one line", async () => {
    const el = await mount(`<chiso-ranking indicator="enterprises_new" period="2021-YTD-09" region="49" api="${gatewayUrl()}"></chiso-ranking>`, ready);
    const labels = [...el.shadowRoot!.querySelectorAll('text.label')];
    expect(labels[0]!.textContent).toBe('1. Quảng Nam');
    expect(labels[0]!.getAttribute('font-weight')).toBe('bold');
    expect(el.shadowRoot!.querySelectorAll('g.row.highlight rect.bar')).toHaveLength(1);
    expect($(el, 'text.missing')!.textContent).toBe(`${63 - labels.length} tỉnh chưa có số liệu`);
    expect($(el, '[part="subtitle"]')!.textContent).toBe('9 tháng 2021 · doanh nghiệp');
    expect(await accessibilityViolations(el)).toEqual([]);
  });
});

describe('<chiso-table>', () => {
  it('lists the values with a header row and a row header per period', async () => {
    const el = await mount(`<chiso-table lang="en" indicator="ddi_capital_registered" region="49" api="${gatewayUrl()}"></chiso-table>`, ready);
    expect([...el.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Period', 'Quang Nam']);
    expect(el.shadowRoot!.querySelector('tbody th[scope="row"]')!.textContent).toBe('9 months of 2021');
    expect(el.shadowRoot!.querySelector('tbody td')!.textContent).toBe('4,927\u00a0billion\u00a0VND');
    expect(shadowText(el)).toContain('Source: Người Lao Động (10 Oct 2021)');
    expect(await accessibilityViolations(el)).toEqual([]);
  });
});

describe('requests', () => {
  it('each element sends one GET naming a persisted document (documentId), never the query text', async () => {
    const before = performance.getEntriesByType('resource').length;
    const api = gatewayUrl();
    await Promise.all([
      mount(`<chiso-chart indicator="pci_score" region="49" api="${api}"></chiso-chart>`, ready),
      mount(`<chiso-table indicator="pci_score" region="48" api="${api}"></chiso-table>`, ready),
      mount(`<chiso-kpi indicator="pci_score" region="01" api="${api}"></chiso-kpi>`, ready),
      mount(`<chiso-share indicator="dossiers_online_share,dossiers_postal_return_share" region="49" api="${api}"></chiso-share>`, ready),
      mount(`<chiso-ranking indicator="pci_score" period="2019" region="49" api="${api}"></chiso-ranking>`, ready),
    ]);
    const requests = performance
      .getEntriesByType('resource')
      .slice(before)
      .map((e) => decodeURIComponent(e.name))
      .filter((url) => url.includes('/graphql?'));
    expect(requests).toHaveLength(5);
    for (const url of requests) {
      expect(url).toMatch(/\/graphql\?documentId=sha256:[0-9a-f]{64}&variables=\{/);
      expect(url).not.toContain('query=');
    }
    // Three documents serve the five elements: series (chart, table), values (KPI, share), ranking.
    expect(new Set(requests.map((url) => /documentId=([^&]+)/.exec(url)![1])).size).toBe(3);
  });
});
