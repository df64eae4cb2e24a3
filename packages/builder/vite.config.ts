import { defaultClientConditions, defaultServerConditions, defineConfig, type Plugin } from 'vite';

/**
 * The builder as a page of the gateway: index.html and its bundled script and style, under
 * /builder/. What the gateway serves to every page stays outside the bundle and is loaded from it:
 * the elements (/widgets/chiso-widgets.js, the same bundle embeds load), the shared look
 * (/shared/base.css) and the publishing-key field the publish page shares (/shared/publishing-key.js).
 * `pnpm --filter @chiso/builder dev` serves the source with those and the API taken from a running
 * gateway (CHISO_GATEWAY, default http://localhost:4000).
 */
const gateway = process.env.CHISO_GATEWAY ?? 'http://localhost:4000';

/** The gateway's own files stay imports of its URLs, in the build and in the dev server. */
function fromGateway(): Plugin {
  return {
    name: 'chiso-from-gateway',
    enforce: 'pre',
    resolveId: (id) => (/^\/(shared|widgets)\//.test(id) ? { id, external: true } : null),
  };
}

export default defineConfig({
  // The workspace's packages by their source (the `@chiso/source` export condition; see README, Development).
  resolve: { conditions: ['@chiso/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@chiso/source', ...defaultServerConditions] } },
  base: '/builder/',
  publicDir: false,
  plugins: [fromGateway()],
  server: {
    proxy: {
      ...Object.fromEntries(['/graphql', '/widgets', '/shared', '/embed', '/oembed'].map((prefix) => [prefix, gateway])),
      // The dev server puts the base before an external import's URL.
      '/builder/shared': { target: gateway, rewrite: (url: string) => url.replace(/^\/builder/, '') },
    },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // Pages the gateway serves need no polyfill: they target browsers with module preload.
    modulePreload: { polyfill: false },
  },
});
