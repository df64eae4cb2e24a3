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

/** Largest page a connection returns. */
export const MAX_PAGE_SIZE = 100;

/** Rejects a page size over the limit instead of silently returning fewer nodes. */
export function checkPageSize(args: { first?: number | null; last?: number | null }): void {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size == null) continue;
    if (size < 0) throw badUserInput(`"${name}" must be 0 or more, got ${size}`, { argumentName: name });
    if (size > MAX_PAGE_SIZE) {
      throw badUserInput(`"${name}" is ${size}, over the page size limit of ${MAX_PAGE_SIZE}: ask for ${MAX_PAGE_SIZE} or fewer and page with "after"`, {
        argumentName: name,
        limit: MAX_PAGE_SIZE,
      });
    }
  }
}
