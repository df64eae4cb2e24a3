import etag from 'etag';
import fresh from 'fresh';

/**
 * The `Cache-Control` of each kind of response: one place, so that a route names what it serves
 * (`cacheControl.pinned`) rather than spelling seconds.
 */
export const cacheControl = {
  /** A URL whose answer never changes: a pinned chart version (`/embed/<id>/v/<n>…`). */
  pinned: 'public, max-age=31536000, immutable',
  /** A live answer (a chart's latest version, GraphQL GET queries): a minute fresh, then served stale while one request refreshes it. */
  live: 'public, max-age=60, stale-while-revalidate=600',
  /** Files that change with a deploy under the same name (the widget bundle, pages): revalidated by ETag every five minutes. */
  static: 'public, max-age=300, stale-while-revalidate=3600',
  /** An answer for one key (the request carried `Authorization`): no cache may keep it. */
  private: 'private, no-store',
  /** Errors and anything else that must not be stored. */
  none: 'no-store',
} as const;

/** Whether a `Cache-Control` value lets a cache store the response. */
export const storable = (value: string | null) => !!value && !/(^|,)\s*(no-store|private)\s*(,|$)/i.test(value);

/** Whether the request's `If-None-Match` names this tag (weak comparison; `Cache-Control: no-cache` in the request asks for the full answer). */
export const isFresh = (request: Request, etag: string) =>
  fresh({ 'if-none-match': request.headers.get('if-none-match') ?? undefined, 'cache-control': request.headers.get('cache-control') ?? undefined }, { etag });

/**
 * The validator of a body without one of its own: a weak `ETag` hashed from the uncompressed bytes
 * (weak, because its gzip and br forms carry the same tag). use-http-cache.ts gives it to answers
 * that have none; the route cache stores it with the body, so a hit is not hashed again.
 */
export const bodyTag = (body: Uint8Array) => etag(Buffer.from(body.buffer, body.byteOffset, body.byteLength), { weak: true });
