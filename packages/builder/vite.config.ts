import { defineConfig } from 'vite';

/**
 * The builder as a page of the gateway: index.html and its bundled script and style, under
 * /builder/. What the gateway serves to every page stays outside the bundle and is loaded from it:
 * the elements (/widgets/chiso-widgets.js, the same bundle embeds load), the shared look
 * (/shared/base.css) and the publishing-key field the publish page shares (/shared/publishing-key.js).
 */
export default defineConfig({
  base: '/builder/',
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // Pages the gateway serves need no polyfill: they target browsers with module preload.
    modulePreload: { polyfill: false },
    rollupOptions: { external: [/^\/shared\//, /^\/widgets\//] },
  },
});
