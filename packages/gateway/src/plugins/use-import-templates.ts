import type { Plugin } from 'graphql-yoga';
import { templateCsv, templateXlsx } from '../import/template.ts';

/** `/import/template.csv` and `/import/template.xlsx`: chiso's own import format, ready to fill in. */
export function useImportTemplates(): Plugin {
  let xlsx: Promise<Buffer> | undefined;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const match = /^\/import\/template\.(csv|xlsx)$/.exec(url.pathname);
      if (!match) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return endResponse(new fetchAPI.Response('method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } }));
      }
      const csv = match[1] === 'csv';
      const body: BodyInit = csv ? templateCsv() : new Uint8Array(await (xlsx ??= templateXlsx()));
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
          headers: {
            'content-type': csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': `attachment; filename="chiso-import-template.${match[1]}"`,
            'cache-control': 'public, max-age=3600',
            'x-content-type-options': 'nosniff',
          },
        }),
      );
    },
  };
}
