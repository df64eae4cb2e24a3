/**
 * What the widgets' source really does, read from the TypeScript (comments removed, so JSDoc is
 * never its own evidence): each registered element, its attributes, events, parts and custom
 * properties. tests/package/manifest.test.ts compares these with the custom-elements manifest.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { TOKENS } from '@chiso/charts/paint';

export const widgetsDir = fileURLToPath(new URL('../..', import.meta.url));
const componentsDir = path.join(widgetsDir, 'src/components');

export interface ElementFacts {
  tagName: string;
  className: string;
  /** Module path as the manifest writes it, e.g. `src/components/chiso-kpi/chiso-kpi.ts`. */
  module: string;
  attributes: Array<{ name: string; fieldName: string }>;
  /** Reactive properties a page may set (not `state: true`), attributes or not (`data`). */
  properties: string[];
  events: string[];
  parts: string[];
  cssProperties: string[];
  /** The fallback each custom property has where the styles read it (`var(--chiso-font, system-ui)`); the element's own styles win over the shared ones. */
  cssDefaults: Record<string, string>;
}

const parse = (file: string) => ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
const code = (file: string) => ts.createPrinter({ removeComments: true }).printFile(parse(file));

/** The file and the files it imports (static, relative, not type-only), transitively. */
function moduleGraph(file: string, seen = new Set<string>()): Set<string> {
  seen.add(file);
  for (const statement of parse(file).statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
    const spec = (statement.moduleSpecifier as ts.StringLiteral).text;
    const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
    if (target && !seen.has(target)) moduleGraph(target, seen);
  }
  return seen;
}

const findClass = (files: Iterable<string>, name: string) => {
  for (const file of files) {
    const found = parse(file).statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === name);
    if (found) return found;
  }
  throw new Error(`class ${name} not found in the element's modules`);
};

/** Lit's public reactive properties (not `state: true`), with their attribute (none for `attribute: false`); spreads followed. */
function reactive(klass: ts.ClassDeclaration, files: Set<string>): Array<{ name: string | null; fieldName: string }> {
  const member = klass.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties');
  const init = member && ts.isPropertyDeclaration(member) ? member.initializer : undefined;
  if (!init || !ts.isObjectLiteralExpression(init)) {
    // No properties of its own: the superclass's (Lit inherits them).
    const base = klass.heritageClauses?.[0]?.types[0]?.expression.getText();
    return base && base !== 'LitElement' ? reactive(findClass(files, base), files) : [];
  }
  return init.properties.flatMap((p) => {
    if (ts.isSpreadAssignment(p)) return reactive(findClass(files, p.expression.getText().replace(/\.properties$/, '')), files);
    if (!ts.isPropertyAssignment(p) || !ts.isObjectLiteralExpression(p.initializer)) return [];
    const options = Object.fromEntries(
      p.initializer.properties.filter(ts.isPropertyAssignment).map((o) => [o.name.getText(), o.initializer.getText().replace(/^'|'$/g, '')]),
    );
    if (options.state === 'true') return [];
    const fieldName = p.name.getText();
    return [{ name: options.attribute === 'false' ? null : (options.attribute ?? fieldName.toLowerCase()), fieldName }];
  });
}

const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** Every element the source registers with defineElement(tag, Class) or customElements.define(tag, Class). */
export function registeredElements(): ElementFacts[] {
  const files = fs.readdirSync(componentsDir).flatMap((dir) =>
    fs
      .readdirSync(path.join(componentsDir, dir))
      .filter((f) => !f.endsWith('.styles.ts'))
      .map((f) => path.join(componentsDir, dir, f)),
  );
  return files.flatMap((file) => {
    const own = code(file);
    return [...own.matchAll(/(?:defineElement|customElements\.define)\(\s*["']([a-z][\w-]*-[\w-]*)["'],\s*(\w+)\)/g)].map(([, tagName, className]) => {
      const graph = moduleGraph(file);
      const text = [...graph].map(code).join('\n');
      const props = reactive(findClass(graph, className!), graph);
      const kind = /readonly kind = ["'](\w+)["']/.exec(own)?.[1];
      const fallbacks = (f: string) => Object.fromEntries([...code(f).matchAll(/var\((--chiso-[a-z0-9-]+),\s*([^)]+)\)/g)].map((m) => [m[1]!, m[2]!.trim()]));
      const ownDir = (f: string) => path.dirname(f) === path.dirname(file);
      const cssDefaults = Object.assign({}, ...[...graph].filter((f) => !ownDir(f)).map(fallbacks), ...[...graph].filter(ownDir).map(fallbacks)) as Record<
        string,
        string
      >;
      return {
        cssDefaults,
        tagName: tagName!,
        className: className!,
        module: path.relative(widgetsDir, file),
        attributes: props.filter((a): a is { name: string; fieldName: string } => a.name !== null).sort((a, b) => a.name.localeCompare(b.name)),
        properties: sorted(props.map((a) => a.fieldName)),
        events: sorted([
          ...all(text, /new CustomEvent\(\s*["']([\w-]+)["']/g),
          ...all(text, /new CustomEvent\(\s*`chiso-\$\{this\.kind\}-(\w+)`/g).map((e) => `chiso-${kind}-${e}`),
        ]),
        // Literal part="x" in templates, and the parts an element hands renderScene ({ parts: { className: 'part' } }).
        parts: sorted([...all(text, /\bpart="([\w-]+)"/g), ...all(own, /parts: \{([^}]*)\}/g).flatMap((o) => all(o, /:\s*["']([\w-]+)["']/g))]),
        // Custom properties named in styles and templates; `--chiso-${token}` stands for every theme token.
        cssProperties: sorted([...all(text, /--chiso-([a-z0-9]+(?:-[a-z0-9]+)*)/g), ...(text.includes('--chiso-${') ? TOKENS : [])].map((p) => `--chiso-${p}`)),
      };
    });
  });
}
