import { promisify } from 'node:util';
import zlib from 'node:zlib';
import compressible from 'compressible';
import Negotiator from 'negotiator';

/** The content codings the gateway sends, in its order of preference at equal quality. */
export type Encoding = 'br' | 'gzip';
const offered: Encoding[] = ['br', 'gzip'];

/** Below this many bytes a compressed body saves less than its headers cost (the `compression` middleware's default). */
export const COMPRESS_THRESHOLD = 1024;

/** Responses written piece by piece (subscriptions, incremental delivery): never buffered, hashed or compressed here. */
export const isStreamed = (contentType: string | null) => !!contentType && /^(text\/event-stream|multipart\/)/i.test(contentType);

/** Whether a body of this type gains from compression (mime-db's list; PNG does not, it is compressed already). */
export const isCompressible = (contentType: string | null) => !!contentType && !isStreamed(contentType) && compressible(contentType) === true;

/**
 * The coding to send for this request, by the quality values of its `Accept-Encoding`
 * (negotiator, as Express does), br before gzip at equal quality; undefined for identity.
 */
export function negotiateEncoding(request: Request): Encoding | undefined {
  const header = request.headers.get('accept-encoding');
  if (!header) return undefined;
  // negotiator 1.x takes the server's preference; @types/negotiator still describes 0.6.
  const negotiator = new Negotiator({ headers: { 'accept-encoding': header } }) as unknown as {
    encoding(available: string[], options: { preferred: string[] }): string | undefined;
  };
  const chosen = negotiator.encoding([...offered, 'identity'], { preferred: offered });
  return offered.includes(chosen as Encoding) ? (chosen as Encoding) : undefined;
}

/** Whether a body of this size and type is compressed for a client that accepts `encoding`. */
export const shouldCompress = (encoding: Encoding | undefined, size: number, contentType: string | null): encoding is Encoding =>
  !!encoding && size >= COMPRESS_THRESHOLD && isCompressible(contentType);

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Compresses on libuv's thread pool (node:zlib; Node 20's CompressionStream has no brotli).
 * `effort: 'once'` is for bodies compressed once and kept (static files): the smallest output;
 * `'each'` for bodies compressed per response: brotli level 5 (on the widget bundle, 10 % larger
 * than level 11 in a twelfth of the time: 9 ms instead of 107 ms) and gzip's default level.
 */
export async function compress(body: Uint8Array, encoding: Encoding, effort: 'once' | 'each'): Promise<Uint8Array<ArrayBuffer>> {
  if (encoding === 'br') {
    return new Uint8Array(
      await brotli(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: effort === 'once' ? zlib.constants.BROTLI_MAX_QUALITY : 5,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        },
      }),
    );
  }
  return new Uint8Array(await gzip(body, { level: effort === 'once' ? zlib.constants.Z_BEST_COMPRESSION : zlib.constants.Z_DEFAULT_COMPRESSION }));
}

/** Adds names to a response's `Vary` without repeating one. */
export function appendVary(headers: Headers, ...names: string[]): void {
  const current = (headers.get('vary') ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (current.includes('*')) return;
  const lower = current.map((v) => v.toLowerCase());
  for (const name of names) {
    if (lower.includes(name.toLowerCase())) continue;
    current.push(name);
    lower.push(name.toLowerCase());
  }
  if (current.length) headers.set('vary', current.join(', '));
}
