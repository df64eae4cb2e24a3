/**
 * GET requests to the gateway, shared: elements asking for the same data (same URL) share one
 * request, also across two copies of this bundle on a page (the cache lives on globalThis).
 */
export class WidgetFetchError extends Error {
  constructor(
    message: string,
    /** `timeout`, `network`, `http` or `graphql`: what the error state tells the reader. */
    readonly kind: 'timeout' | 'network' | 'http' | 'graphql',
  ) {
    super(message);
    this.name = 'WidgetFetchError';
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

/** The GET URL of an operation: a stable document and its variables. */
export function operationUrl(api: string, document: string, variables: Record<string, unknown>): string {
  const url = new URL(api, globalThis.location?.href);
  url.searchParams.set('query', document);
  url.searchParams.set('variables', JSON.stringify(variables));
  return url.toString();
}

/**
 * Runs a query with GET. Rejects with a WidgetFetchError after `timeoutMs`, on a network or HTTP
 * failure, or when the response has errors and no data.
 */
export interface FetchOptions {
  timeoutMs?: number;
  /** Skip the shared cache (a retry). */
  fresh?: boolean;
  /** The fetch to use (the server renders images through its own in-process fetch). @default globalThis.fetch */
  fetch?: typeof fetch;
}

export function fetchOperation<T>(api: string, document: string, variables: Record<string, unknown>, options: FetchOptions = {}): Promise<T> {
  const url = operationUrl(api, document, variables);
  const hit = cache.get(url);
  if (hit && !options.fresh && Date.now() - hit.at < REUSE_MS) return hit.promise as Promise<T>;
  const promise = request<T>(url, options.timeoutMs ?? 10_000, options.fetch ?? fetch);
  cache.set(url, { at: Date.now(), promise });
  promise.catch(() => cache.delete(url));
  return promise;
}

async function request<T>(url: string, timeoutMs: number, fetchImpl: typeof fetch): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { accept: 'application/graphql-response+json, application/json' }, signal: controller.signal });
  } catch (error) {
    if (controller.signal.aborted) throw new WidgetFetchError(`no answer within ${timeoutMs / 1000} s`, 'timeout');
    throw new WidgetFetchError((error as Error).message || 'network error', 'network');
  } finally {
    clearTimeout(timer);
  }
  let body: { data?: T; errors?: Array<{ message: string }> };
  try {
    body = await response.json();
  } catch {
    throw new WidgetFetchError(`HTTP ${response.status}`, 'http');
  }
  if (body.errors?.length && !body.data) throw new WidgetFetchError(body.errors.map((e) => e.message).join('; '), 'graphql');
  if (!response.ok) throw new WidgetFetchError(`HTTP ${response.status}`, 'http');
  return body.data as T;
}
