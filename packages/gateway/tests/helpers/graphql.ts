import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';
import { createApp } from '../../src/app.ts';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { createApiKey, type NewKey } from '../../src/auth/keys.ts';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }>;
}

/** Runs operations in-process through the yoga app's fetch (no port); `headers` are added to the request (e.g. `authorization`). */
export function graphqlClient(prisma: PrismaClient, logger = pino({ level: 'silent' })) {
  const app = createApp({ prisma, logger });
  return async function query<T = any>(
    document: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await app.fetch('http://chiso.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: document, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
}

/**
 * A seeded database of `kind` and an in-process client for the tests of one describe block,
 * opened before its tests and disposed after them.
 */
export function seededApi(kind: DatabaseKind) {
  const api = {} as { db: TestDatabase; query: ReturnType<typeof graphqlClient> };
  beforeAll(async () => {
    api.db = await openTestDatabase(kind);
    api.query = graphqlClient(api.db.prisma);
  });
  afterAll(() => api.db?.dispose());
  return api;
}

/** A new key and the header that sends it. */
export async function testKey(prisma: PrismaClient, key: Partial<NewKey> = {}): Promise<{ key: string; prefix: string; auth: { authorization: string } }> {
  const created = await createApiKey(prisma, { name: 'test', scopes: ['PUBLISH'], regions: [], ...key });
  return { key: created.key, prefix: created.record.prefix, auth: { authorization: `Bearer ${created.key}` } };
}
