import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

const originals = new WeakMap<object, unknown>();
/** Errors of the request, not of the gateway: logged at info. */
const CLIENT_ERRORS = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN']);

/** Keeps the error a masked error stands for, so that the log can show what really failed. */
export function rememberOriginal<E extends Error>(masked: E, original: unknown): E {
  if (masked !== original) originals.set(masked, original);
  return masked;
}

/**
 * One log line per request, with a request id and duration; errors are logged here, once, with the
 * original error (the client sees only the masked message). The id is echoed in `x-request-id`.
 */
export function useRequestLog(logger: Logger): Plugin {
  const started = new WeakMap<Request, { id: string; at: number }>();
  return {
    onRequest({ request }) {
      started.set(request, { id: request.headers.get('x-request-id') ?? randomUUID(), at: performance.now() });
    },
    onExecutionResult({ result, context }) {
      const request = (context as { request?: Request }).request;
      const info = request && started.get(request);
      const results = Array.isArray(result) ? result : [result];
      for (const r of results) {
        for (const error of (r as { errors?: readonly Error[] }).errors ?? []) {
          const original = originals.get(error) ?? (error as { originalError?: Error }).originalError;
          const code = (error as { extensions?: { code?: string } }).extensions?.code;
          const level = code && CLIENT_ERRORS.has(code) ? 'info' : 'error';
          logger[level]({ requestId: info?.id, code, err: original ?? error }, error.message);
        }
      }
    },
    onResponse({ request, response }) {
      const info = started.get(request);
      if (!info) return;
      response.headers.set('x-request-id', info.id);
      const url = new URL(request.url);
      logger.info(
        { requestId: info.id, method: request.method, path: url.pathname, status: response.status, ms: Math.round(performance.now() - info.at) },
        'request',
      );
    },
  };
}
