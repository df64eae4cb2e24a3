import { GraphQLError } from 'graphql';

/**
 * An error in the request that the client can fix; the message says how.
 * Sent with `extensions.code = "BAD_USER_INPUT"` and HTTP status 400.
 */
export function badUserInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 }, ...extra },
  });
}

/** Largest page a connection returns (checked on `first`/`last` of every connection: schema/input-text.ts). */
export const MAX_PAGE_SIZE = 100;
