import ipaddr from 'ipaddr.js';
import type { Config } from '../config.ts';

/** The origin a request's absolute URLs start with, and the request headers it was read from (for `Vary`). */
export interface PublicOrigin {
  origin: string;
  /** Request headers the origin depends on (empty when it is configured). */
  vary: string[];
}

/** Resolves the public origin of a request. Never reads `Host`: a client must not choose what others are served. */
export type PublicOriginResolver = (request: Request) => PublicOrigin;

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * From configuration, in order: PUBLIC_URL; with TRUST_PROXY=n, the scheme and host the n-th
 * proxy from the gateway saw (`X-Forwarded-Proto`, `X-Forwarded-Host`, each proxy appending or
 * setting its value); otherwise the gateway's own listening address. `listening` gives that
 * address once the server listens (PORT=0 picks a port at start).
 */
export function publicOriginResolver(config: Pick<Config, 'PUBLIC_URL' | 'TRUST_PROXY'>, listening: () => string): PublicOriginResolver {
  if (config.PUBLIC_URL) {
    const fixed = { origin: config.PUBLIC_URL, vary: [] };
    return () => fixed;
  }
  const trusted = config.TRUST_PROXY;
  if (!trusted) return () => ({ origin: listening(), vary: [] });
  return (request) => {
    const own = new URL(listening());
    const proto = forwarded(request.headers.get('x-forwarded-proto'), trusted)?.toLowerCase();
    const host = forwarded(request.headers.get('x-forwarded-host'), trusted);
    const scheme = proto === 'http' || proto === 'https' ? proto : own.protocol.slice(0, -1);
    const name = host && HOST.test(host) ? host.toLowerCase() : own.host;
    return { origin: new URL(`${scheme}://${name}`).origin, vary: ['x-forwarded-proto', 'x-forwarded-host'] };
  };
}

/**
 * The address of the client a request comes from: the socket's peer, or with TRUST_PROXY=n the
 * address the outermost trusted proxy saw (`X-Forwarded-For`, read by the same rule as the public
 * origin). IPv4-mapped IPv6 addresses become IPv4. Never trusts a header the proxies do not set.
 */
export function clientAddress(request: Request, peer: string | undefined, trusted: number): string {
  const claimed = trusted ? forwarded(request.headers.get('x-forwarded-for'), trusted) : undefined;
  const address = claimed ?? peer;
  if (!address || !ipaddr.isValid(address)) return 'unknown';
  return ipaddr.process(address).toString();
}

/** The value the outermost trusted proxy saw: the n-th entry from the right of a comma-separated header. */
function forwarded(header: string | null, trusted: number): string | undefined {
  if (!header) return undefined;
  const values = header.split(',').map((v) => v.trim());
  return values[Math.max(0, values.length - trusted)] || undefined;
}

/** http://HOST:PORT as a browser can reach it: a wildcard address becomes localhost. */
export function listeningOrigin(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return new URL(`http://${reachable}:${port}`).origin;
}
