import { afterEach, describe, expect, it } from 'vitest';
import '../../src/index.ts';
import { $, gatewayUrl, mount, ready, setGatewayUp, shadowText } from './helpers.ts';

afterEach(async () => {
  document.body.innerHTML = '';
  await setGatewayUp(true);
});

const retry = (el: Element) => $<HTMLButtonElement>(el, '[part="retry"]');
const alertText = (el: Element) => $(el, '[role="alert"]')!.textContent!.replace(/\s+/g, ' ').trim();

/** What a reader sees when something fails: the gateway's word for a mistake in the page, Retry only where asking again helps. */
describe('error states', () => {
  it('says that a mistyped indicator slug is unknown, in Vietnamese and English, without Retry', async () => {
    const vi = await mount(`<chiso-kpi indicator="dossiers_recieved" region="49" api="${gatewayUrl()}"></chiso-kpi>`, ready);
    expect(alertText(vi)).toBe('Máy chủ không có chỉ số “dossiers_recieved”: hãy kiểm tra thuộc tính indicator');
    expect($(vi, '[part="empty"]')).toBeNull();
    expect(retry(vi)).toBeNull();
    const en = await mount(`<chiso-chart lang="en" indicator="dossiers_recieved" region="49" api="${gatewayUrl()}"></chiso-chart>`, ready);
    expect(alertText(en)).toBe('The server has no indicator “dossiers_recieved”: check the indicator attribute');
    expect(retry(en)).toBeNull();
  });

  it("shows the gateway's own message for a mistake it refuses (BAD_USER_INPUT), without Retry", async () => {
    const el = await mount(`<chiso-kpi lang="en" indicator="dossiers_on_time_rate" region="49" period="2021-Q5" api="${gatewayUrl()}"></chiso-kpi>`, ready);
    expect(alertText(el)).toMatch(/^The server refused the request: .*2021-Q5/);
    expect(retry(el)).toBeNull();
  });

  it('offers Retry while the database is unavailable (503), and loads on Retry once it is back', async () => {
    await setGatewayUp(true, 503);
    const el = await mount(`<chiso-kpi indicator="dossiers_received" region="49" api="${gatewayUrl()}"></chiso-kpi>`, ready);
    expect(alertText(el)).toBe('Không tải được số liệu: máy chủ tạm thời chưa phục vụ được, hãy thử lại sau ít phút. Thử lại');
    await setGatewayUp(true);
    retry(el)!.click();
    await new Promise<void>((resolve) => el.addEventListener('chiso-kpi-load', () => resolve(), { once: true }));
    await (el as any).updateComplete;
    expect($(el, '[role="alert"]')).toBeNull();
    expect(shadowText(el)).toContain('hồ sơ');
  });

  it('offers Retry for too many requests (429) and an unreachable gateway', async () => {
    await setGatewayUp(true, 429);
    const busy = await mount(`<chiso-kpi lang="en" indicator="enterprises_new" region="49" api="${gatewayUrl()}"></chiso-kpi>`, ready);
    expect(alertText(busy)).toBe('Could not load the data: too many requests; try again in a moment. Retry');
    expect(retry(busy)).not.toBeNull();
    await setGatewayUp(false);
    const down = await mount(`<chiso-kpi lang="en" indicator="dossiers_resolved" region="48" api="${gatewayUrl()}"></chiso-kpi>`, ready);
    expect(alertText(down)).toBe('Could not load the data: the server could not be reached. Retry');
  });
});
