import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../../src/index.ts';
import doc from '../../../../docs/styling.md?raw';
import { twoSeries, inline } from './fixtures.ts';
import { $, mount, ready } from './helpers.ts';

/** Screenshots for a person to look at, with VITE_CHISO_SCREENSHOTS=1: packages/widgets/.screenshots/ (git-ignored). */
const shots = import.meta.env.VITE_CHISO_SCREENSHOTS ? '../../.screenshots' : undefined;

/** The CSS example of docs/styling.md, as a page would paste it. */
const example = /```css\n([\s\S]*?)```/.exec(doc)![1]!;

afterEach(() => {
  document.body.innerHTML = '';
  document.head.querySelector('style[data-example]')?.remove();
});

const css = (el: Element | null, property: string) => getComputedStyle(el!).getPropertyValue(property);

describe("docs/styling.md's example", () => {
  it.each([375, 1280])('gives the elements its font, colours, frame and titles (%i px)', async (width) => {
    await page.viewport(width, 900);
    document.head.insertAdjacentHTML('beforeend', `<style data-example>${example}</style>`);
    const light = await mount(`<chiso-chart theme="light">${inline(twoSeries)}</chiso-chart>`, ready);
    const dark = await mount(`<chiso-chart theme="dark">${inline(twoSeries)}</chiso-chart>`, ready);
    const kpi = await mount(`<chiso-kpi theme="light">${inline(twoSeries)}</chiso-kpi>`, ready);
    for (const el of [light, dark, kpi]) el.parentElement!.style.width = '';

    // Custom properties: the font, the first series' colour (a line and a figure), the reserved height.
    expect(css($(light, '[part="title"]'), 'font-family')).toMatch(/^Georgia/);
    expect(css(light.shadowRoot!.querySelector('path.line'), 'stroke')).toBe('rgb(179, 38, 30)');
    expect(css($(light, '[part="base"]'), 'min-height')).toBe('320px');
    expect(css($(kpi, '[part="base"]'), 'min-height')).toBe('320px');
    // ::part rules: the frame, the title, the key figure (an SVG text takes fill).
    expect(css($(light, '[part="base"]'), 'border-top')).toBe('1px solid rgb(208, 208, 208)');
    expect(css($(light, '[part="base"]'), 'border-top-left-radius')).toBe('8px');
    expect(css($(light, '[part="title"]'), 'text-transform')).toBe('uppercase');
    expect(css($(light, '[part="title"]'), 'font-size')).toBe('20px');
    expect(css($(kpi, '[part="value"]'), 'fill')).toBe('rgb(179, 38, 30)');
    // The dark theme with the page's own colours; the light one keeps the theme's.
    expect(css(dark, 'background-color')).toBe('rgb(18, 18, 18)');
    expect(css($(dark, '[part="title"]'), 'color')).toBe('rgb(242, 242, 242)');
    expect(css(dark.shadowRoot!.querySelector('path.line'), 'stroke')).toBe('rgb(255, 138, 128)');
    expect(css(light, 'background-color')).not.toBe('rgb(18, 18, 18)');
    if (shots) await page.screenshot({ path: `${shots}/styling-example-${width}.png` });
  });
});
