import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';

/**
 * An error in the request that the client can fix; the message says how.
 * Sent with `extensions.code = "BAD_USER_INPUT"` and HTTP status 400.
 */
export function badUserInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 }, ...extra },
  });
}

/**
 * A route's answer to a request it cannot serve (an unknown chart, a method it does not take):
 * thrown, so that the error boundary answers it in the client's form and the log notes it.
 */
export function routeError(
  code: 'NOT_FOUND' | 'METHOD_NOT_ALLOWED' | 'BAD_USER_INPUT',
  status: 400 | 404 | 405,
  message: string,
  headers: Record<string, string> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, headers } } });
}

/** Largest page a connection returns (checked on `first`/`last` of every connection: schema/input-text.ts). */
export const MAX_PAGE_SIZE = 100;

/**
 * Codes of errors the client caused and can fix: answered with their own message and a 4xx
 * status, logged at info without a stack. Other helpers' codes (limits, rate limits) belong here
 * too, so that the log, the metrics and the widgets classify them alike.
 */
export const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'NOT_AGGREGATABLE',
  'QUERY_TOO_COMPLEX',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_ONLY',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  // docs/limits.md
  'REQUEST_ENTITY_TOO_LARGE',
  'REQUEST_TIMEOUT',
]);

/** What a client is told about a failure, and how it is logged. */
export interface ErrorClass {
  /** `extensions.code` for GraphQL, the `code` of a route's error body. */
  code: string;
  status: number;
  /** Safe to show: never a stack, SQL, database name or file path. */
  message: string;
  /** A mistake of the request (logged at info, no stack), not a failure of the gateway. */
  client: boolean;
  /** Seconds after which trying again may help (a 503). */
  retryAfter?: number;
}

/** Seconds a client is asked to wait while the database is unavailable. */
const DATABASE_RETRY_AFTER = 5;
const unavailableMessage = 'The database is unavailable at the moment; try again in a few seconds.';

/**
 * PostgreSQL (or PGlite's socket) cannot be reached or dropped the connection. Prisma's driver
 * adapter errors (`meta.driverAdapterError.cause.kind`), PostgreSQL's connection failures
 * (SQLSTATE class 08, 57P0x, any FATAL: the session is gone) and Node's socket errors all count,
 * and so does the gateway's own DATABASE_UNAVAILABLE answer to an embed route's in-process request.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as Record<string, any> | undefined, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    if (e.name === 'DatabaseUnavailableError' || e.name === 'PrismaClientInitializationError') return true;
    if (
      typeof e.code === 'string' &&
      /^(DATABASE_UNAVAILABLE|P1001|P1002|P1003|P1008|P1017|P2024|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|08\w{3}|57P0[1-3]|53300)$/.test(
        e.code,
      )
    )
      return true;
    const cause = e.meta?.driverAdapterError?.cause;
    if (cause) {
      if (
        [
          'DatabaseNotReachable',
          'DatabaseDoesNotExist',
          'ConnectionClosed',
          'SocketTimeout',
          'TooManyConnections',
          'AuthenticationFailed',
          'DatabaseAccessDenied',
          'TlsConnectionError',
        ].includes(cause.kind)
      )
        return true;
      if (cause.kind === 'postgres' && (cause.severity === 'FATAL' || /^(08|57P0)/.test(cause.code ?? ''))) return true;
    }
    if (
      typeof e.message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i.test(e.message)
    )
      return true;
    e = e.originalError ?? e.cause;
  }
  return false;
}

/** The one place that decides what a failure means for a client: code, HTTP status and a safe message. */
export function classify(error: unknown): ErrorClass {
  const code = (error as GraphQLError | undefined)?.extensions?.code;
  if (error instanceof GraphQLError && typeof code === 'string' && (code === 'DATABASE_UNAVAILABLE' || CLIENT_ERROR_CODES.has(code))) {
    const status = (error.extensions.http as { status?: number } | undefined)?.status ?? (code === 'DATABASE_UNAVAILABLE' ? 503 : 400);
    return { code, status, message: error.message, client: code !== 'DATABASE_UNAVAILABLE', ...(status === 503 ? { retryAfter: DATABASE_RETRY_AFTER } : {}) };
  }
  if (isDatabaseUnavailable(error))
    return { code: 'DATABASE_UNAVAILABLE', status: 503, message: unavailableMessage, client: false, retryAfter: DATABASE_RETRY_AFTER };
  return { code: 'INTERNAL_SERVER_ERROR', status: 500, message: 'Unexpected error.', client: false };
}

/** A GraphQL error a client may see for a failure of the gateway (`maskedErrors`): unavailable database, or yoga's masked one. */
export function databaseUnavailable(): GraphQLError {
  return new GraphQLError(unavailableMessage, {
    extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503, headers: { 'retry-after': String(DATABASE_RETRY_AFTER) } } },
  });
}

/**
 * yoga's `maskedErrors.maskError`: a GraphQL error we threw keeps its message; an unreachable
 * database becomes DATABASE_UNAVAILABLE (HTTP 503, Retry-After); anything else yoga's
 * "Unexpected error." (INTERNAL_SERVER_ERROR, no stack).
 */
export function maskGraphQLError(error: unknown, message: string, isDev?: boolean): Error {
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  return yogaMaskError(error, message, isDev);
}
