import { createYoga } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from './context.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { createLoaders } from './loaders.ts';
import { useHttpCache } from './plugins/use-http-cache.ts';
import { useRequestLog } from './plugins/use-request-log.ts';
import { useWidgets } from './plugins/use-widgets.ts';
import { repoRoot } from './config.ts';
import path from 'node:path';
import { schema } from './schema/index.ts';

export interface AppOptions {
  prisma: PrismaClient;
  logger: Logger;
  /** Serve GraphiQL on GET /graphql. @default true */
  graphiql?: boolean;
  /** Folder of the built widgets served under /widgets. @default packages/widgets/dist */
  widgetsDir?: string;
}

/** The GraphQL application: a fetch handler usable in-process (tests) or behind node:http. */
export function createApp({ prisma, logger, graphiql = true, widgetsDir = path.join(repoRoot, 'packages', 'widgets', 'dist') }: AppOptions) {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: graphiql ? { title: 'chiso GraphQL' } : false,
    landingPage: false,
    // Unexpected errors reach the client as "Unexpected error." with no stack; GraphQLErrors we throw keep their message.
    maskedErrors: true,
    logging: false,
    context: (initial) => ({ ...initial, prisma, loaders: createLoaders(prisma) }),
    plugins: [useRequestLog(logger), useWidgets(widgetsDir), useHttpCache()],
  });
}
