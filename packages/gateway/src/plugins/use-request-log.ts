import { randomUUID } from 'node:crypto';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { stdSerializers, type Logger } from 'pino';
import { classify } from '../errors.ts';

const originals = new WeakMap<object, unknown>();

/** What one request did, for its log line and its metrics: kept from its start to its response. */
export interface RequestRecord {
  id: string;
  at: number;
  /** The GraphQL operation's name, when there was one. */
  operation?: string;
  /** Every error of the request, as thrown (the original of a masked error). */
  errors: unknown[];
  /** Sent by the gateway itself (an embed route's GraphQL request). */
  inner?: boolean;
}
const records = new WeakMap<Request, RequestRecord>();
const PROBES = new Set(['/health', '/ready', '/metrics']);

/** Marks a request the gateway sends itself (app.ts inProcessFetch), with a token only this process knows. */
export const INNER_HEADER = 'x-chiso-inner';

/** The record of a request (its id, start, operation and errors), once the request log has seen it. */
export const requestRecord = (request: Request): RequestRecord | undefined => records.get(request);

/** Keeps the error a masked error stands for, so that the log can show what really failed. */
export function rememberOriginal<E extends Error>(masked: E, original: unknown): E {
  if (masked !== original) originals.set(masked, original);
  return masked;
}

/** An error of a route (the error boundary), logged on the request's one line. */
export function noteError(request: Request, error: unknown): void {
  records.get(request)?.errors.push(error);
}

/**
 * One log line per request, with a request id, duration and every error of the request: the
 * original error (the client sees only the masked message) with its stack for a failure of the
 * gateway (level error, or warn while the database is unavailable), only code and message for a
 * client's mistake (level info). The id (the client's `x-request-id` if it sent one) is echoed in
 * `x-request-id`. Must be the first plugin: its `onResponse` sees the answer before the others
 * change it, and every later plugin's errors are noted on its record.
 */
export function useRequestLog(logger: Logger, { innerToken }: { innerToken?: string } = {}): Plugin {
  return {
    onRequest({ request }) {
      const sent = request.headers.get('x-request-id');
      const inner = innerToken !== undefined && request.headers.get(INNER_HEADER) === innerToken;
      records.set(request, { id: sent && /^[\w.:-]{1,128}$/.test(sent) ? sent : randomUUID(), at: performance.now(), errors: [], inner });
    },
    // A response-cache hit is answered here, before parsing: the name the request gives, or its document's first.
    onParams({ params, request }) {
      const record = records.get(request);
      const name = params.operationName ?? (params.query ? /^\s*(?:query|mutation|subscription)\s+([_A-Za-z]\w*)/.exec(params.query)?.[1] : undefined);
      if (record && name) record.operation = name;
    },
    onExecute({ args }) {
      const record = records.get((args.contextValue as { request: Request }).request);
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (record && name) record.operation = name;
    },
    onExecutionResult({ result, context }) {
      const record = records.get((context as { request: Request }).request);
      if (!record) return;
      for (const r of Array.isArray(result) ? result : [result]) {
        for (const error of (r as { errors?: readonly Error[] }).errors ?? []) record.errors.push(originals.get(error) ?? error);
      }
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      response.headers.set('x-request-id', record.id);
      const classes = record.errors.map(classify);
      const failures = record.errors.filter((_, i) => !classes[i]!.client);
      const path = new URL(request.url).pathname;
      // Probes and scrapes come every few seconds: their successes are debug lines.
      // An embed route's own GraphQL request (the route's line says what the client got) is a debug
      // line unless it failed; its original error is logged there with its stack.
      const quiet = (response.status < 400 && PROBES.has(path)) || (record.inner === true && failures.length === 0);
      const level = failures.length ? (classes.every((c) => c.client || c.code === 'DATABASE_UNAVAILABLE') ? 'warn' : 'error') : quiet ? 'debug' : 'info';
      const line: Record<string, unknown> = {
        requestId: record.id,
        method: request.method,
        path,
        status: response.status,
        ms: Math.round(performance.now() - record.at),
        ...(record.operation ? { operation: record.operation } : {}),
      };
      if (classes.length) line.errors = classes.map((c, i) => (c.client ? { code: c.code, message: (record.errors[i] as Error).message } : { code: c.code }));
      // The originals of the gateway's failures, with their stacks: for the operator, never sent to a client.
      if (failures.length === 1) line.err = failures[0];
      else if (failures.length > 1) line.errs = failures.map((e) => (e instanceof Error ? stdSerializers.err(e) : e));
      logger[level](line, 'request');
    },
  };
}
