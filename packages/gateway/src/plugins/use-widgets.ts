import fs from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the built widgets (packages/widgets/dist) under `prefix`: the bundle
 * `/widgets/chiso-widgets.js`, the per-element modules, the custom-elements manifest and the demo
 * page `/widgets/`. Scripts may be loaded from any site (that is what an embed is).
 */
export function useWidgets(distDir: string, prefix = '/widgets'): Plugin {
  const root = path.resolve(distDir);
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response('method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      if (url.pathname === prefix) {
        endResponse(new fetchAPI.Response(null, { status: 308, headers: { location: `${prefix}/` } }));
        return;
      }
      let relative = decodeURIComponent(url.pathname.slice(prefix.length + 1)) || 'index.html';
      if (relative.endsWith('/')) relative += 'index.html';
      const file = path.resolve(root, relative);
      if (!file.startsWith(root + path.sep)) {
        endResponse(new fetchAPI.Response('not found', { status: 404 }));
        return;
      }
      try {
        const body = await fs.readFile(file);
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
            status: 200,
            headers: {
              'content-type': types[path.extname(file)] ?? 'application/octet-stream',
              'cache-control': 'public, max-age=300',
              'access-control-allow-origin': '*',
              'x-content-type-options': 'nosniff',
            },
          }),
        );
      } catch {
        const hint = relative === 'chiso-widgets.js' ? ' (build it: pnpm --filter @chiso/widgets build)' : '';
        endResponse(new fetchAPI.Response(`not found: ${prefix}/${relative}${hint}`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
      }
    },
  };
}
