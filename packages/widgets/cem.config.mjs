// Custom-elements manifest generated from the elements' JSDoc (@summary, @csspart, @cssprop, @fires).
export default {
  globs: ['src/components/**/*.ts', 'src/base/chiso-element.ts', 'src/base/shared.styles.ts'],
  exclude: ['**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
};
