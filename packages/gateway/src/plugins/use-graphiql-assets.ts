import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import etag from 'etag';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { cacheControl } from '../http/cache-policy.ts';

const PREFIX = '/graphiql/';
const require = createRequire(import.meta.url);
const packageDir = path.resolve(path.dirname(require.resolve('@graphql-yoga/render-graphiql')), '..');
const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };

/**
 * GraphiQL's code as `@graphql-yoga/render-graphiql` bundles it (the editor, its CSS and Monaco's
 * workers, about 9 MB of strings). Its index inlines them all into one page; here each is a file
 * of its own, so the page needs no inline script and no CDN. Loaded on the first GraphiQL request.
 */
type Bundle = Record<'css' | 'js' | 'editorWorkerService' | 'jsonWorker' | 'graphqlWorker' | 'favicon', string>;
let bundle: Promise<Bundle> | undefined;
const loadBundle = () => (bundle ??= import(pathToFileURL(path.join(packageDir, 'esm', 'graphiql.js')).href) as Promise<Bundle>);

/** Starts GraphiQL with the options the page carries as JSON, its Monaco workers loaded from the gateway. */
const START = `var options = JSON.parse(document.getElementById('graphiql-options').textContent);
var workers = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: function (moduleId, label) { return '${PREFIX}' + workers[label] + '?v=${version}'; } };
YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), options);
`;

const files: Record<string, { type: string; body: (b: Bundle) => string | Uint8Array<ArrayBuffer> }> = {
  'graphiql.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.js },
  'graphiql.css': { type: 'text/css; charset=utf-8', body: (b) => b.css },
  'editor.worker.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.editorWorkerService },
  'json.worker.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.jsonWorker },
  'graphql.worker.js': { type: 'text/javascript; charset=utf-8', body: (b) => b.graphqlWorker },
  'start.js': { type: 'text/javascript; charset=utf-8', body: () => START },
  'favicon.ico': { type: 'image/x-icon', body: (b) => new Uint8Array(Buffer.from(b.favicon.slice(b.favicon.indexOf(',') + 1), 'base64')) },
};

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** GraphiQL's page (yoga's `renderGraphiQL` option): a shell whose scripts and styles all come from /graphiql/ on the gateway. */
export function renderGraphiQL(options: GraphiQLOptions): string {
  const asset = (name: string) => `${PREFIX}${name}?v=${version}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeText(options.title ?? 'GraphiQL')}</title>
<link rel="icon" href="${asset('favicon.ico')}">
<link rel="stylesheet" href="${asset('graphiql.css')}">
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript.</noscript>
<div id="root"></div>
<script type="application/json" id="graphiql-options">${escapeJson(options)}</script>
<script src="${asset('graphiql.js')}"></script>
<script src="${asset('start.js')}"></script>
</body>
</html>
`;
}

/** Serves GraphiQL's files under /graphiql/ (GET and HEAD), unchanging for a package version. */
export function useGraphiQLAssets(): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(PREFIX)) return;
      const file = files[url.pathname.slice(PREFIX.length)];
      if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
        return endResponse(new fetchAPI.Response(`not found: ${url.pathname}`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
      }
      const body = file.body(await loadBundle());
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
          status: 200,
          headers: { 'content-type': file.type, 'cache-control': cacheControl.pinned, etag: etag(`${version} ${url.pathname}`, { weak: true }) },
        }),
      );
    },
  };
}
