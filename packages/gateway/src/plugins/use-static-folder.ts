import fs from 'node:fs/promises';
import path from 'node:path';
import etag from 'etag';
import type { Plugin } from 'graphql-yoga';
import { cacheControl } from '../http/cache-policy.ts';
import { appendVary, compress, isCompressible, negotiateEncoding, shouldCompress, type Encoding } from '../http/encoding.ts';

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

/** A file as last read: its bytes, its tag, and its compressed bodies, made on first request. */
interface FileEntry {
  mtimeMs: number;
  size: number;
  etag: string;
  body: Uint8Array<ArrayBuffer>;
  encoded: Map<Encoding, Promise<Uint8Array<ArrayBuffer>>>;
}

/** Larger files are read on each request and compressed like computed answers (none of the served folders has one). */
const KEEP_LIMIT = 8 * 1024 * 1024;

/**
 * Serves a folder under a URL prefix (`/prefix/` is its index.html), GET and HEAD only, never a
 * file outside the folder: neither by `..` nor through a symbolic link that points out of it. Each file is read, tagged and compressed (br, gzip: at most effort,
 * since it is done once) once per change of its modification time or size, not per request; the
 * ETag and 304 are then the HTTP cache plugin's.
 */
export function useStaticFolder({ prefix, dir, crossOrigin = false, hint }: StaticFolderOptions): Plugin {
  const root = path.resolve(dir);
  const files = new Map<string, FileEntry>();
  async function read(file: string): Promise<FileEntry> {
    // Where the path really leads, links resolved; the folder itself may be a link (a build output), so compare real paths.
    const [real, realRoot] = await Promise.all([fs.realpath(file), fs.realpath(root)]);
    if (!real.startsWith(realRoot + path.sep)) throw new Error(`outside ${root}: ${file}`);
    const stat = await fs.stat(real);
    if (!stat.isFile()) throw new Error(`not a file: ${file}`);
    const known = files.get(file);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known;
    const body = new Uint8Array(await fs.readFile(real));
    const entry = { mtimeMs: stat.mtimeMs, size: stat.size, etag: etag(Buffer.from(body), { weak: true }), body, encoded: new Map() };
    if (stat.size <= KEEP_LIMIT) files.set(file, entry);
    return entry;
  }
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
      let entry: FileEntry;
      try {
        entry = await read(file);
      } catch {
        return respond(`not found: ${url.pathname}${hint ? ` (${hint})` : ''}`, 404, { 'content-type': 'text/plain; charset=utf-8' });
      }
      const type = types[path.extname(file)] ?? 'application/octet-stream';
      const headers = new fetchAPI.Headers({
        'content-type': type,
        'cache-control': cacheControl.static,
        etag: entry.etag,
        'x-content-type-options': 'nosniff',
        ...(crossOrigin ? { 'access-control-allow-origin': '*' } : {}),
      });
      let body = entry.body;
      const encoding = negotiateEncoding(request);
      if (isCompressible(type)) appendVary(headers, 'Accept-Encoding');
      if (shouldCompress(encoding, body.byteLength, type) && files.get(file) === entry) {
        if (!entry.encoded.has(encoding)) {
          const compressed = compress(entry.body, encoding, 'once');
          compressed.catch(() => entry.encoded.delete(encoding)); // tried again on the next request
          entry.encoded.set(encoding, compressed);
        }
        body = await entry.encoded.get(encoding)!;
        headers.set('content-encoding', encoding);
      }
      headers.set('content-length', String(body.byteLength));
      return endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}
