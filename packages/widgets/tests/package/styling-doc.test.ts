/**
 * docs/styling.md lists the custom properties and parts a page may style: the same, element by
 * element, as the custom-elements manifest (which tests/package/manifest.test.ts checks against
 * the source). Its CSS example is checked in Chromium by tests/components/styling.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { widgetsDir } from './source-facts.ts';

const doc = fs.readFileSync(path.join(widgetsDir, '../../docs/styling.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(widgetsDir, 'dist/custom-elements.json'), 'utf8')) as {
  modules: Array<{ declarations?: Array<{ tagName?: string; cssParts?: Array<{ name: string }>; cssProperties?: Array<{ name: string }> }> }>;
};
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
/** The first cell of each row of the table under `heading`, and the rest of the row. */
const rows = (heading: string) => {
  const section = doc.split(/^## /m).find((s) => s.startsWith(heading))!;
  return [...section.matchAll(/^\| `([^`]+)` \|([^\n]*)$/gm)].map((m) => ({ name: m[1]!, cells: m[2]!.split('|').map((c) => c.trim()) }));
};

it('lists every custom property of the manifest, and no other', () => {
  const documented = rows('Custom properties')
    .map((r) => r.name)
    .sort();
  for (const e of elements) expect(documented, e.tagName).toEqual(e.cssProperties!.map((p) => p.name).sort());
});

it('lists every part with the elements that have it', () => {
  const documented = rows('Parts');
  for (const e of elements) {
    const short = e.tagName!.replace('chiso-', '');
    const has = documented.filter((r) => r.cells[0] === 'all' || r.cells[0]!.split(/,\s*/).includes(short)).map((r) => r.name);
    expect(has.sort(), e.tagName).toEqual(e.cssParts!.map((p) => p.name).sort());
  }
});
