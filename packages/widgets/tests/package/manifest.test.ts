/**
 * The custom-elements manifest (dist/custom-elements.json, generated from JSDoc by cem.config.mjs)
 * against the source: every registered element with its tag, attributes, events, parts and custom
 * properties. A part added to a template, a property added to a style or an event dispatched
 * without its JSDoc fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registeredElements, widgetsDir } from './source-facts.ts';

interface Named {
  name: string;
  description?: string;
}
interface Declaration extends Named {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  attributes?: Array<Named & { fieldName?: string }>;
  members?: Array<Named & { kind: string; privacy?: string; attribute?: string }>;
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Array<Named & { default?: string }>;
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[]; exports?: Array<{ kind: string; name: string; declaration: { name: string } }> }>;
}

let manifest: Manifest;
beforeAll(() => {
  manifest = JSON.parse(fs.readFileSync(path.join(widgetsDir, 'dist/custom-elements.json'), 'utf8')) as Manifest;
});

const elements = registeredElements();
const names = (items: Named[] | undefined) => (items ?? []).map((i) => i.name).sort();
const declaration = (className: string, module: string) => manifest.modules.find((m) => m.path === module)?.declarations?.find((d) => d.name === className);

it('finds the six elements in the source', () => {
  expect(elements.map((e) => e.tagName).sort()).toEqual(['chiso-chart', 'chiso-kpi', 'chiso-map', 'chiso-ranking', 'chiso-share', 'chiso-table']);
});

it('lists exactly the registered elements, each defined under its tag', () => {
  const tags = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => d.tagName));
  expect(tags.sort()).toEqual(elements.map((e) => e.tagName).sort());
  for (const e of elements) {
    const definition = manifest.modules.find((m) => m.path === e.module)?.exports?.find((x) => x.kind === 'custom-element-definition');
    expect(definition, e.tagName).toMatchObject({ name: e.tagName, declaration: { name: e.className } });
  }
});

describe.each(elements)('<$tagName>', (e) => {
  const doc = () => declaration(e.className, e.module)!;

  it('has its tag and a summary', () => {
    expect(doc()).toMatchObject({ tagName: e.tagName, customElement: true });
    expect(doc().summary).toBeTruthy();
  });

  it('lists the attributes of its reactive properties', () => {
    expect(
      doc()
        .attributes?.map((a) => ({ name: a.name, fieldName: a.fieldName }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual(e.attributes);
  });

  it('documents each reactive property a page may set as a public property', () => {
    for (const name of e.properties) {
      const member = doc().members?.find((m) => m.kind === 'field' && m.name === name);
      expect(member?.privacy ?? 'public', name).toBe('public');
      expect(member?.description, `JSDoc of ${e.className}.${name}`).toBeTruthy();
    }
    expect(e.properties).toContain('data');
  });

  it('lists the events it dispatches', () => {
    expect(names(doc().events)).toEqual(e.events);
  });

  it('lists the parts its templates expose, each described', () => {
    expect(names(doc().cssParts)).toEqual(e.parts);
    for (const p of doc().cssParts ?? []) expect(p.description, `part ${p.name}`).toBeTruthy();
  });

  it('lists the custom properties its styles read, each described', () => {
    expect(names(doc().cssProperties)).toEqual(e.cssProperties);
    for (const p of doc().cssProperties ?? []) expect(p.description, p.name).toBeTruthy();
  });

  it('gives the default of each custom property the styles fall back to', () => {
    const documented = Object.fromEntries((doc().cssProperties ?? []).filter((p) => p.default).map((p) => [p.name, p.default]));
    expect(documented).toEqual(e.cssDefaults);
  });
});
