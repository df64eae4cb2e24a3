import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postOperation, WidgetFetchError } from '@chiso/widgets/data/client.ts';
import { codeOf, reason } from '../src/gateway.ts';

/**
 * The builder's requests go through the widgets' client (postOperation). A real HTTP server stands
 * in for the gateway's answers that matter to the builder: the key it sends, a refusal with a code,
 * an error beside partial data, a proxy's error page.
 */
describe('postOperation, as the builder uses it', () => {
  let server: http.Server;
  let api: string;
  const seen: Array<{ method: string; authorization?: string; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push({ method: request.method!, authorization: request.headers.authorization, body });
        const { query } = JSON.parse(body) as { query: string };
        const answer = (status: number, json: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        if (query.includes('BuilderSearch')) return answer(200, { data: { indicators: { totalCount: 1, edges: [] } } });
        if (query.includes('BuilderUpdate'))
          return answer(200, { data: { updateChart: null }, errors: [{ message: 'This key may not change chart ab12', extensions: { code: 'FORBIDDEN' } }] });
        if (query.includes('BuilderCreate'))
          return answer(401, { errors: [{ message: 'A publishing key is needed', extensions: { code: 'UNAUTHENTICATED' } }] });
        response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('POSTs the document and its variables with the key as a bearer token, and answers the data', async () => {
    const data = await postOperation(api, 'query BuilderSearch($search: String) { x }', { search: 'PCI' }, { key: 'chiso_abc' });
    expect(data).toEqual({ indicators: { totalCount: 1, edges: [] } });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      authorization: 'Bearer chiso_abc',
      body: JSON.stringify({ query: 'query BuilderSearch($search: String) { x }', variables: { search: 'PCI' } }),
    });
  });

  it('sends no authorization without a key', async () => {
    await postOperation(api, 'query BuilderSearch { x }');
    expect(seen.at(-1)?.authorization).toBeUndefined();
  });

  it("rejects an error beside partial data, with the gateway's code: a refused update must not look saved", async () => {
    const error = await postOperation(api, 'mutation BuilderUpdate { x }', {}, { key: 'chiso_abc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WidgetFetchError);
    expect(codeOf(error)).toBe('FORBIDDEN');
    expect(reason(error)).toBe('This key may not change chart ab12');
  });

  it('rejects a refusal with its code and message', async () => {
    const error = await postOperation(api, 'mutation BuilderCreate { x }').catch((e: unknown) => e);
    expect([codeOf(error), reason(error)]).toEqual(['UNAUTHENTICATED', 'A publishing key is needed']);
  });

  it("says the HTTP status when the answer is not the gateway's (a proxy's page)", async () => {
    const error = await postOperation(api, 'query Other { x }').catch((e: unknown) => e);
    expect([codeOf(error), reason(error)]).toEqual(['', 'Gateway trả lời HTTP 502 (the gateway answered HTTP 502)']);
  });

  it('says the gateway was not reached', async () => {
    const error = await postOperation('http://127.0.0.1:9/graphql', 'query BuilderSearch { x }').catch((e: unknown) => e);
    expect(reason(error)).toMatch(/^Không kết nối được gateway \(cannot reach the gateway\): /);
  });
});
