import axe from 'axe-core';
import { inject } from 'vitest';

export const gatewayUrl = () => inject('gatewayUrl');

/** Takes the test gateway down (connections refused) or brings it back; `status` (503, 429) makes it answer that to every request. */
export async function setGatewayUp(up: boolean, status = 0): Promise<void> {
  await fetch(`${inject('harnessUrl')}?up=${up ? 1 : 0}&status=${status}`);
}

/** Adds an element to the page and waits until it has loaded (or failed). */
export async function mount<T extends HTMLElement>(markup: string, until: (el: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const host = document.createElement('div');
  host.style.width = '640px';
  host.innerHTML = markup;
  document.body.append(host);
  const el = host.firstElementChild as T;
  await waitFor(() => until(el), timeoutMs);
  return el;
}

export async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const shadowText = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
export const $ = <T extends Element = Element>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
export const ready = (el: HTMLElement) => !!el.shadowRoot?.querySelector('[part="source"], [part="empty"], [role="alert"]');

/** axe-core on the element (shadow DOM included): violations as readable lines. */
export async function accessibilityViolations(el: Element): Promise<string[]> {
  const results = await axe.run(el, { resultTypes: ['violations'] });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}
