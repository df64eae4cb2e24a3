import fs from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
  '.graphql': 'text/plain; charset=utf-8',
};

export interface StaticFolderOptions {
  /** URL path, e.g. `/widgets`. */
  prefix: string;
  /** Folder on disk. */
  dir: string;
  /** Let any site load these files (scripts an embed loads). @default false */
  crossOrigin?: boolean;
  /** Said in a 404 for a missing folder, e.g. how to build it. */
  hint?: string;
}

/**
 * Serves a folder under a URL prefix (`/prefix/` is its index.html), GET and HEAD only, never a
 * file outside the folder.
 */
export function useStaticFolder({ prefix, dir, crossOrigin = false, hint }: StaticFolderOptions): Plugin {
  const root = path.resolve(dir);
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return;
      const respond = (body: BodyInit | null, status: number, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(body, { status, headers }));
      if (request.method !== 'GET' && request.method !== 'HEAD') return respond('method not allowed', 405, { allow: 'GET, HEAD' });
      if (url.pathname === prefix) return respond(null, 308, { location: `${prefix}/` });
      let relative: string;
      try {
        relative = decodeURIComponent(url.pathname.slice(prefix.length + 1));
      } catch {
        return respond('not found', 404);
      }
      if (relative === '' || relative.endsWith('/')) relative += 'index.html';
      const file = path.resolve(root, relative);
      if (!file.startsWith(root + path.sep)) return respond('not found', 404);
      try {
        const body = await fs.readFile(file);
        return respond(request.method === 'HEAD' ? null : body, 200, {
          'content-type': types[path.extname(file)] ?? 'application/octet-stream',
          'cache-control': 'public, max-age=300',
          'x-content-type-options': 'nosniff',
          ...(crossOrigin ? { 'access-control-allow-origin': '*' } : {}),
        });
      } catch {
        return respond(`not found: ${url.pathname}${hint ? ` (${hint})` : ''}`, 404, { 'content-type': 'text/plain; charset=utf-8' });
      }
    },
  };
}
