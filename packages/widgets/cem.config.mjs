// Custom-elements manifest generated from the elements' JSDoc (@summary, @csspart, @cssprop, @fires)
// and their Lit `static properties`. tests/manifest.test.ts checks it against the source.

/**
 * What the analyzer does not see by itself in this code:
 * - elements are registered with `defineElement('chiso-x', ChisoX)` (which tolerates a second
 *   copy of the bundle), not with a bare `customElements.define`: each call becomes the module's
 *   custom-element-definition, so the class gets its `tagName`; the generic `define(name, element)`
 *   inside defineElement is not an element;
 * - `static properties` entries with `state: true` are internal state, not attributes;
 * - events dispatched under a computed name (`chiso-${this.kind}-load`) have no name to list:
 *   each element names them with @fires.
 */
function chisoElements() {
  /** Class name -> names of its `state: true` properties. */
  const stateByClass = new Map();
  return {
    name: 'chiso-elements',
    analyzePhase({ ts, node, moduleDoc }) {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineElement') {
        const [tag, klass] = node.arguments;
        if (tag && klass && ts.isStringLiteral(tag) && ts.isIdentifier(klass)) {
          moduleDoc.exports = [
            ...(moduleDoc.exports ?? []),
            { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, module: moduleDoc.path } },
          ];
        }
      }
      if (ts.isClassDeclaration(node) && node.name) {
        const properties = node.members.find(
          (m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties' && m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword),
        );
        const init = properties?.initializer;
        if (init && ts.isObjectLiteralExpression(init)) {
          const states = init.properties.filter(
            (p) =>
              ts.isPropertyAssignment(p) &&
              ts.isObjectLiteralExpression(p.initializer) &&
              p.initializer.properties.some(
                (o) => ts.isPropertyAssignment(o) && o.name.getText() === 'state' && o.initializer.kind === ts.SyntaxKind.TrueKeyword,
              ),
          );
          stateByClass.set(node.name.text, new Set(states.map((p) => p.name.getText())));
        }
      }
    },
    moduleLinkPhase({ moduleDoc }) {
      const classes = new Set((moduleDoc.declarations ?? []).filter((d) => d.kind === 'class').map((d) => d.name));
      moduleDoc.exports = (moduleDoc.exports ?? []).filter(
        (e) => e.kind !== 'custom-element-definition' || (e.name.includes('-') && classes.has(e.declaration.name)),
      );
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const klass of mod.declarations ?? []) {
          if (klass.kind !== 'class') continue;
          if (klass.tagName) klass.customElement = true;
          if (klass.attributes)
            klass.attributes = klass.attributes.filter((a) => !stateByClass.get(a.inheritedFrom?.name ?? klass.name)?.has(a.fieldName ?? a.name));
          if (klass.events) klass.events = klass.events.filter((e) => e.name);
        }
      }
    },
  };
}

export default {
  globs: ['src/components/**/*.ts', 'src/base/chiso-element.ts'],
  exclude: ['**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [chisoElements()],
};
