import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { KeyScope, Prisma, PrismaClient } from '../generated/prisma/client.ts';

/** Who sends a request: the key it carries, as the key's record says. */
export interface Principal {
  keyId: number;
  prefix: string;
  name: string;
  scopes: KeyScope[];
  regions: string[];
}

/** A key as handed out: `chiso_` and 32 random bytes in base64url (43 characters). */
export const KEY_PATTERN = /^chiso_[A-Za-z0-9_-]{43}$/;
/** Characters of the key kept in clear to tell keys apart. */
export const PREFIX_LENGTH = 14;

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

const HOW_TO_GET_A_KEY = 'an administrator creates one with `pnpm chiso keys create --name NAME --scope publish`';
// RFC 6750: a 401 names the scheme the client should use.
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="chiso"' };

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: CHALLENGE } } });
}

function forbidden(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 }, ...extra } });
}

// Writing lastUsedAt on every request would turn each read of a busy key into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

// One lookup per request, whoever asks first (the rate limit, the safelist, a resolver).
const byRequest = new WeakMap<Request, Promise<Principal | null>>();

/** Reads `Authorization: Bearer <key>`; null when there is no header; throws UNAUTHENTICATED (401) for a malformed, unknown or revoked key. Updates lastUsedAt (at most once a minute). Looked up once per request. */
export function authenticate(prisma: PrismaClient, request: Request): Promise<Principal | null> {
  let principal = byRequest.get(request);
  if (!principal) byRequest.set(request, (principal = lookUp(prisma, request)));
  return principal;
}

async function lookUp(prisma: PrismaClient, request: Request): Promise<Principal | null> {
  const header = request.headers.get('authorization');
  if (header === null) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <key>" with a chiso key (chiso_…)');
  const key = match[1]!;
  // Nothing of a malformed value is echoed: it may be some other secret pasted by mistake.
  if (!KEY_PATTERN.test(key))
    throw unauthenticated(`the Authorization header does not hold a chiso key (chiso_ and 43 characters): check that it was copied whole; ${HOW_TO_GET_A_KEY}`);
  // The hash is the lookup: the key itself is never stored, and comparing hashes in SQL leaks nothing about the key.
  const record = await prisma.apiKey.findUnique({ where: { hash: hashKey(key) } });
  if (!record)
    throw unauthenticated(`the key ${key.slice(0, PREFIX_LENGTH)}… is not known to this gateway: check that it was copied whole; ${HOW_TO_GET_A_KEY}`);
  if (record.revokedAt) {
    throw unauthenticated(
      `the key ${record.prefix}… was revoked on ${record.revokedAt.toISOString().slice(0, 10)}: ask an administrator for a new one (\`pnpm chiso keys create …\`)`,
    );
  }
  const now = new Date();
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await prisma.apiKey.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  return { keyId: record.id, prefix: record.prefix, name: record.name, scopes: record.scopes, regions: record.regions };
}

/** Whether the principal holds the scope; ADMIN implies PUBLISH. */
export function hasScope(principal: Principal, scope: 'PUBLISH' | 'ADMIN'): boolean {
  return principal.scopes.includes(scope) || (scope === 'PUBLISH' && principal.scopes.includes('ADMIN'));
}

/** Throws UNAUTHENTICATED (HTTP 401, message says how to get a key: `pnpm chiso keys create …`) when principal is null, FORBIDDEN (403) when it lacks the scope. ADMIN implies PUBLISH. */
export function requireScope(principal: Principal | null, scope: 'PUBLISH' | 'ADMIN'): Principal {
  if (!principal) {
    const what = scope === 'ADMIN' ? 'an ADMIN key' : 'a publishing key (scope PUBLISH)';
    throw unauthenticated(`this needs ${what}, sent as "Authorization: Bearer <key>"; ${HOW_TO_GET_A_KEY.replace('publish', scope.toLowerCase())}`);
  }
  if (!hasScope(principal, scope)) {
    throw forbidden(
      `the key ${principal.prefix}… ("${principal.name}") has scope ${principal.scopes.join(', ') || 'none'}; this needs ${scope}: ask an administrator for a key with --scope ${scope.toLowerCase()}`,
      {
        requiredScope: scope,
      },
    );
  }
  return principal;
}

/** Region ids the principal may write, or null for all: the units whose code is in principal.regions (any validity), all their predecessors (transitively, via RegionSuccession) and all their descendants (parentId). */
export async function writableRegionIds(prisma: PrismaClient | Prisma.TransactionClient, principal: Principal): Promise<Set<number> | null> {
  if (principal.regions.length === 0) return null;
  const ids = new Set<number>();
  /** Adds the ids not seen yet and returns them: the next step's frontier. */
  const add = (found: number[]) => {
    const fresh = found.filter((id) => !ids.has(id));
    for (const id of fresh) ids.add(id);
    return fresh;
  };
  // Provinces only: a key names provinces, and district or commune codes are other numbers.
  const named = await prisma.region.findMany({ where: { level: 'PROVINCE', code: { in: principal.regions } }, select: { id: true } });
  let frontier = add(named.map((r) => r.id));
  // Predecessors of predecessors: a province merged twice still leads back to the oldest history.
  while (frontier.length) {
    const links = await prisma.regionSuccession.findMany({ where: { successorId: { in: frontier } }, select: { predecessorId: true } });
    frontier = add(links.map((l) => l.predecessorId));
  }
  // Districts and communes of every unit found, level by level.
  frontier = [...ids];
  while (frontier.length) {
    const children = await prisma.region.findMany({ where: { parentId: { in: frontier } }, select: { id: true } });
    frontier = add(children.map((r) => r.id));
  }
  return ids;
}

/** FORBIDDEN error naming the regions that the key may not write. */
export function regionForbidden(principal: Principal, codes: string[]): GraphQLError {
  const list = [...new Set(codes)].sort();
  return forbidden(
    `the key ${principal.prefix}… ("${principal.name}") may write for ${principal.regions.join(', ')} and their predecessors and districts only, not for ${list.join(', ')}: ` +
      'use a key for those provinces, or one without region limits',
    { regions: list },
  );
}
