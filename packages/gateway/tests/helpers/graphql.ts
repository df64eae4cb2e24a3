import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';
import { createApp } from '../../src/app.ts';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }>;
}

/** Runs operations in-process through the yoga app's fetch (no port). */
export function graphqlClient(prisma: PrismaClient, logger = pino({ level: 'silent' })) {
  const app = createApp({ prisma, logger });
  return async function query<T = any>(document: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const response = await app.fetch('http://chiso.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
