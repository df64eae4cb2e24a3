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

  for (const audit of serverAudits({ url: () => gateway.url })) {
    it(audit.name, async () => {
      const result = await audit.fn();
      const reason = result.status === 'ok' ? '' : `${result.reason}: ${result.status} ${await result.response.text().catch(() => '')}`;
      expect(reason, audit.id).toBe('');
    });
  }
});
