import type { YogaInitialContext } from 'graphql-yoga';
import type { Principal } from './auth/principal.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import type { Loaders } from './loaders.ts';

/** What every resolver gets: the database client, the request's DataLoaders and who sends it. */
export interface Context extends YogaInitialContext {
  prisma: PrismaClient;
  /** Depth, breadth and cost an operation may reach (CHISO_MAX_DEPTH, …; docs/limits.md). */
  queryLimits: { depth: number; breadth: number; complexity: number };
  loaders: Loaders;
  /** Where readers reach the gateway (PUBLIC_URL, trusted proxy headers or the listening address): the start of every absolute URL an answer holds. */
  publicOrigin: string;
  /**
   * The key of the request (`Authorization: Bearer <key>`), or null without one; memoised.
   * Rejects with UNAUTHENTICATED for a bad key, so only resolvers that ask for it (writes) fail:
   * public reads ignore the header.
   */
  principal(): Promise<Principal | null>;
}
