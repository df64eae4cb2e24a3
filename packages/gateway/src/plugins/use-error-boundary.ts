import type { Plugin } from 'graphql-yoga';
import { classify } from '../errors.ts';
import { noteError, requestRecord } from './use-request-log.ts';

type FetchAPI = { Response: typeof Response };

/**
 * The error boundary of every route that is not GraphQL (embed pages, images, CSV, oEmbed, static
 * folders, import templates, health): each plugin's `onRequest` and `onResponse` is wrapped so that
 * what it throws becomes an answer from `errorResponse` (a clear message, a code, the status that
 * fits, the request id; never a stack, SQL or path) and is noted on the request's log line.
 * Without it the server adapter answers `500 text/plain` with the stack, and the later plugins
 * (request log, cache policy) never see the request. GraphQL errors are masked by yoga
 * (`maskedErrors`, errors.ts), which answers them itself.
 * Applied to the whole plugin list in app.ts, so the order of the plugins stays as written.
 */
export function withErrorBoundary(plugins: Plugin[]): Plugin[] {
  return plugins.map((plugin) => {
    const { onRequest, onResponse } = plugin as Plugin<Record<string, unknown>>;
    if (!onRequest && !onResponse) return plugin;
    return {
      ...plugin,
      ...(onRequest ? { onRequest: guard(onRequest, (payload, answer) => payload.endResponse(answer)) } : {}),
      ...(onResponse ? { onResponse: guard(onResponse, (payload, answer) => payload.setResponse(answer)) } : {}),
    } as Plugin;
  });
}

/** A hook that answers with `errorResponse` (through `answer`) what it throws, and notes the error on the request's log line. */
function guard<P extends { request: Request; fetchAPI: FetchAPI }>(hook: (payload: P) => unknown, answer: (payload: P, response: Response) => void) {
  return async (payload: P) => {
    try {
      return await hook(payload);
    } catch (error) {
      noteError(payload.request, error);
      answer(payload, errorResponse(error, payload.request, payload.fetchAPI));
    }
  };
}

/**
 * The answer for a failed route, in the form the client reads: a small HTML page for a browser
 * (an embed iframe), JSON for oEmbed and JSON clients, plain text otherwise. `no-store`, and
 * `Retry-After` when waiting helps.
 */
export function errorResponse(error: unknown, request: Request, fetchAPI: FetchAPI = globalThis): Response {
  const { code, status, message, retryAfter } = classify(error);
  const id = requestRecord(request)?.id;
  // Headers the error asks for (e.g. `Allow` with a 405: errors.ts routeError).
  const asked = ((error as { extensions?: { http?: { headers?: Record<string, string> } } })?.extensions?.http?.headers ?? {}) as Record<string, string>;
  const headers: Record<string, string> = {
    ...asked,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(retryAfter ? { 'retry-after': String(retryAfter) } : {}),
  };
  const accept = request.headers.get('accept') ?? '';
  const path = new URL(request.url).pathname;
  if (/json/.test(accept) || path === '/oembed') {
    return new fetchAPI.Response(JSON.stringify({ error: { message, code, ...(id ? { requestId: id } : {}) } }), {
      status,
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
    });
  }
  if (/text\/html/.test(accept)) {
    const page = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${status} ${code}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#222}code{font-size:.9em}</style>
<p>${escapeHtml(message)}</p><p><small>${code}${id ? ` · request <code>${escapeHtml(id)}</code>` : ''}</small></p></html>`;
    return new fetchAPI.Response(page, { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
  }
  return new fetchAPI.Response(`${message} (${code}${id ? `, request ${id}` : ''})\n`, {
    status,
    headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
