import { serverAudits } from 'graphql-http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startGateway, type Gateway } from '../src/start.ts';

/**
 * The GraphQL over HTTP specification's conformance audit (graphql-http's `serverAudits`),
 * run against the real gateway over HTTP on loopback: every MUST and SHOULD holds; a MAY the
 * gateway chose not to do is listed here with why.
 */
describe('GraphQL over HTTP (graphql-http server audit)', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://' }), { logger: pino({ level: 'silent' }) });
  });
  afterAll(() => gateway?.stop());

  it('refuses a mutation over GET with 405 and says to use POST', async () => {
    const mutation = 'mutation { createChart(input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"] }) { id } }';
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent(mutation)}`, { headers: { accept: 'application/graphql-response+json' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect((await response.json()).errors[0].message).toBe('Can only perform a mutation operation from a POST request.');
  });

  for (const audit of serverAudits({ url: () => gateway.url })) {
    it(audit.name, async () => {
      const result = await audit.fn();
      const reason = result.status === 'ok' ? '' : `${result.reason}: ${result.status} ${await result.response.text().catch(() => '')}`;
      expect(reason, audit.id).toBe('');
    });
  }
});
