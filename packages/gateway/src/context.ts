import type { YogaInitialContext } from 'graphql-yoga';
import type { PrismaClient } from './generated/prisma/client.ts';
import type { Loaders } from './loaders.ts';

/** What every resolver gets: the database client and the request's DataLoaders. */
export interface Context extends YogaInitialContext {
  prisma: PrismaClient;
  loaders: Loaders;
}
