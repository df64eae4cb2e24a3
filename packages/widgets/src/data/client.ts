import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/**
 * GET requests to the gateway, shared: elements asking for the same data (same URL) share one
 * request, also across two copies of this bundle on a page (the cache lives on globalThis).
 */
export class WidgetFetchError extends Error {
  constructor(
    message: string,
    /** `timeout`, `network`, `http` or `graphql`: what the error state tells the reader. */
    readonly kind: 'timeout' | 'network' | 'http' | 'graphql',
    /** The HTTP status, when the gateway answered. */
    readonly status?: number,
    /** The gateway's `extensions.code` (`BAD_USER_INPUT`, `DATABASE_UNAVAILABLE`…). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WidgetFetchError';
  }

  /**
   * Whether asking again can help: no answer, a timeout, 408, 429, a 5xx, or a GraphQL error that is
   * the gateway's (no code, INTERNAL_SERVER_ERROR, DATABASE_UNAVAILABLE). Not a mistake in the request (other 4xx, a client code).
   */
  get retryable(): boolean {
    if (this.kind === 'timeout' || this.kind === 'network' || this.status === 408 || this.status === 429 || (this.status ?? 0) >= 500) return true;
    if ((this.status ?? 0) >= 400) return false;
    return !this.code || this.code === 'INTERNAL_SERVER_ERROR' || this.code === 'DATABASE_UNAVAILABLE';
  }
}

interface Cached {
  at: number;
  promise: Promise<unknown>;
}

const CACHE_KEY = Symbol.for('chiso.widgets.requests');
const cache: Map<string, Cached> = ((globalThis as Record<symbol, unknown>)[CACHE_KEY] ??= new Map()) as Map<string, Cached>;
/** How long a response is reused by other elements before asking again. */
const REUSE_MS = 30_000;

/**
 * A persisted document: in the bundle only its hash (`sha256:<hex>`), typed with its result and
 * variables. Made by graphql-codegen's client preset from src/data/queries.ts (`pnpm codegen`);
 * the gateway knows the text by the same hash (dist/persisted-documents.json).
 */
export type PersistedDocument<TResult = unknown, TVariables = Record<string, unknown>> = TypedDocumentNode<TResult, TVariables>;

/** The hash the gateway knows a document by. */
export function documentId(document: PersistedDocument<unknown, never>): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string')
    throw new TypeError('this GraphQL document has no persisted-document hash: regenerate the documents (pnpm --filter @chiso/widgets codegen)');
  return hash;
}

/**
 * The GET URL of an operation: `documentId` (the GraphQL-over-HTTP convention for persisted
 * documents) and the variables. Short, and the same for the same widget, so shared caches can keep it.
 */
export function operationUrl<TVariables>(api: string, document: PersistedDocument<unknown, TVariables>, variables: TVariables): string {
  const url = new URL(api, globalThis.location?.href);
  url.searchParams.set('documentId', documentId(document as PersistedDocument<unknown, never>));
  url.searchParams.set('variables', JSON.stringify(variables));
  return url.toString();
}

export interface FetchOptions {
  timeoutMs?: number;
  /** Skip the shared cache (a retry). */
  fresh?: boolean;
  /** The fetch to use (the server renders images through its own in-process fetch). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/**
 * Runs a persisted query with GET. Rejects with a WidgetFetchError after `timeoutMs`, on a network
 * or HTTP failure, or when the response has errors and no data.
 */
export function fetchOperation<TResult, TVariables>(
  api: string,
  document: PersistedDocument<TResult, TVariables>,
  variables: TVariables,
  options: FetchOptions = {},
): Promise<TResult> {
  const url = operationUrl(api, document, variables);
  const hit = cache.get(url);
  if (hit && !options.fresh && Date.now() - hit.at < REUSE_MS) return hit.promise as Promise<TResult>;
  const promise = request<TResult>(url, options.timeoutMs ?? 10_000, options.fetch ?? fetch);
  cache.set(url, { at: Date.now(), promise });
  promise.catch(() => cache.delete(url));
  return promise;
}

export interface PostOptions {
  /** A publishing key, sent as `authorization: Bearer <key>`: mutations, and reads on a gateway with the safelist on. */
  key?: string;
  /** @default 20000 */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/**
 * Sends a GraphQL document as text with POST, never cached: what an application (the chart builder)
 * asks that no embed asks, and mutations. Any error in the answer rejects with a WidgetFetchError
 * carrying the gateway's `extensions.code` (UNAUTHENTICATED, FORBIDDEN…), even beside partial data:
 * a mutation that half failed must not look done.
 */
export function postOperation<TResult>(api: string, query: string, variables: Record<string, unknown> = {}, options: PostOptions = {}): Promise<TResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const url = new URL(api, globalThis.location?.href).toString();
  return request<TResult>(
    url,
    options.timeoutMs ?? 20_000,
    options.fetch ?? fetch,
    { method: 'POST', headers, body: JSON.stringify({ query, variables }) },
    true,
  );
}

async function request<T>(
  url: string,
  timeoutMs: number,
  fetchImpl: typeof fetch,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  strict = false,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      ...init,
      headers: { accept: 'application/graphql-response+json, application/json', ...init.headers },
      signal: controller.signal,
    });
  } catch (error) {
    if (controller.signal.aborted) throw new WidgetFetchError(`no answer within ${timeoutMs / 1000} s`, 'timeout');
    throw new WidgetFetchError((error as Error).message || 'network error', 'network');
  } finally {
    clearTimeout(timer);
  }
  let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  try {
    body = await response.json();
  } catch {
    throw new WidgetFetchError(`HTTP ${response.status}`, 'http', response.status);
  }
  if (body.errors?.length && (strict || !body.data))
    throw new WidgetFetchError(body.errors.map((e) => e.message).join('; '), 'graphql', response.status, body.errors[0]!.extensions?.code);
  if (!response.ok) throw new WidgetFetchError(`HTTP ${response.status}`, 'http', response.status);
  return body.data as T;
}
