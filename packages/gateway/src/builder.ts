import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';
import type { Context } from './context.ts';
import { GraphQLError } from 'graphql';
import { invalidArguments, pageSize } from './schema/input-text.ts';

/** The Pothos builder with its plugins; types are defined in src/schema/, one file each. */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
    File: { Input: File; Output: never };
  };
}>({
  defaultFieldNullability: false,
  plugins: [ComplexityPlugin, PrismaPlugin, RelayPlugin, ValidationPlugin],
  complexity: {
    defaultComplexity: 1,
    // Lists count ten times their selection unless a field says otherwise (connections use `first`).
    defaultListMultiplier: 10,
    // Checked before the first resolver runs; the limits are the configuration's (CHISO_MAX_DEPTH, …).
    limit: (ctx) => ctx.queryLimits,
    complexityError: (errorKind, result) => {
      const kind = String(errorKind).toLowerCase() as 'complexity' | 'depth' | 'breadth';
      const measured = { complexity: result.complexity, depth: result.depth, breadth: result.breadth }[kind];
      const limit = { complexity: result.maxComplexity, depth: result.maxDepth, breadth: result.maxBreadth }[kind];
      return new GraphQLError(
        `the query's ${kind} is ${measured}, over the limit of ${limit}: ask for fewer fields or nodes (smaller "first"), or split the query`,
        { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, kind, limit, measured } },
      );
    },
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    // Descriptions in schema.prisma (///) become GraphQL descriptions.
    exposeDescriptions: true,
    // Fail on relations selected without the plugin's query: those are N+1 bugs.
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Every connection's page size, checked before its query is built (input-text.ts).
    firstArgOptions: { validate: pageSize('first') },
    lastArgOptions: { validate: pageSize('last') },
  },
  // Arguments checked by their `validate` schemas (input-text.ts) fail as BAD_USER_INPUT saying what to fix.
  validation: { validationError: invalidArguments },
});
