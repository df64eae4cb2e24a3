import { randomBytes } from 'node:crypto';
import type { ApiKey, KeyScope, PrismaClient } from '../generated/prisma/client.ts';
import { recordAudit } from './audit.ts';
import { hashKey, PREFIX_LENGTH, type Principal } from './principal.ts';

/** A key's record as it may be shown: everything but the hash. */
export type KeyRecord = Omit<ApiKey, 'hash'>;

/** A request about keys that cannot be done as asked; the message says what to change. */
export class ApiKeyError extends Error {
  override name = 'ApiKeyError';
}

export interface NewKey {
  /** Who holds it, e.g. "Sở Nội vụ Quảng Nam". */
  name: string;
  scopes: KeyScope[];
  /** Province codes (any validity) the key may publish for; empty for all. */
  regions: string[];
}

export interface KeyActor {
  /** The admin key that acts; none from the command line. */
  principal?: Principal | null;
  /** Who acts without a key. @default "cli" */
  actor?: string;
}

const omitHash = { hash: true } as const;
const MAX_NAME_LENGTH = 200;

/**
 * Creates a key: `chiso_` and 32 random bytes in base64url. Only its first characters (`prefix`)
 * and its SHA-256 are stored; the key itself is returned once and cannot be recovered.
 */
export async function createApiKey(prisma: PrismaClient, input: NewKey, by: KeyActor = {}): Promise<{ key: string; record: KeyRecord }> {
  const name = input.name.trim();
  if (!name) throw new ApiKeyError('a key needs a name saying who holds it, e.g. "Sở Nội vụ Quảng Nam"');
  if (name.length > MAX_NAME_LENGTH) throw new ApiKeyError(`the name is ${name.length} characters long: keep it to ${MAX_NAME_LENGTH}`);
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw new ApiKeyError('a key needs a scope: PUBLISH (imports, saved charts) or ADMIN (catalogue, keys, audit log)');
  const regions = await checkProvinceCodes(prisma, input.regions);
  for (let attempt = 1; ; attempt++) {
    const key = `chiso_${randomBytes(32).toString('base64url')}`;
    const prefix = key.slice(0, PREFIX_LENGTH);
    try {
      const record = await prisma.$transaction(async (tx) => {
        const created = await tx.apiKey.create({ data: { prefix, hash: hashKey(key), name, scopes, regions }, omit: omitHash });
        await recordAudit(tx, { action: 'KEY_CREATED', ...auditActor(by), subject: prefix, details: { name, scopes, regions } });
        return created;
      });
      return { key, record };
    } catch (error) {
      // Two keys sharing their first 8 random characters (1 in 2^48): draw another.
      if ((error as { code?: string }).code !== 'P2002' || attempt >= 3) throw error;
    }
  }
}

/** Every key, oldest first, without hashes. */
export function listApiKeys(prisma: PrismaClient): Promise<KeyRecord[]> {
  return prisma.apiKey.findMany({ omit: omitHash, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

/** Revokes a key named by its prefix (`chiso_k7Qx2mPa`), its id or the whole key; a revoked key authorises nothing. */
export async function revokeApiKey(prisma: PrismaClient, prefixOrId: string | number, by: KeyActor = {}): Promise<KeyRecord> {
  const where =
    typeof prefixOrId === 'number' || /^\d+$/.test(prefixOrId)
      ? { id: Number(prefixOrId) }
      : prefixOrId.length > PREFIX_LENGTH
        ? { hash: hashKey(prefixOrId) }
        : { prefix: prefixOrId };
  const found = await prisma.apiKey.findUnique({ where, omit: omitHash });
  if (!found) throw new ApiKeyError(`no key ${shown(prefixOrId)}: \`pnpm chiso keys list\` shows the prefixes (chiso_ and 8 characters)`);
  if (found.revokedAt) throw new ApiKeyError(`the key ${found.prefix} ("${found.name}") was already revoked on ${found.revokedAt.toISOString()}`);
  return prisma.$transaction(async (tx) => {
    const revoked = await tx.apiKey.update({ where: { id: found.id }, data: { revokedAt: new Date() }, omit: omitHash });
    await recordAudit(tx, { action: 'KEY_REVOKED', ...auditActor(by), subject: found.prefix, details: { name: found.name } });
    return revoked;
  });
}

/** Province codes, each checked to exist at some time, without repeats. */
async function checkProvinceCodes(prisma: PrismaClient, codes: string[]): Promise<string[]> {
  const wanted = [...new Set(codes.map((c) => c.trim()))].sort();
  if (wanted.length === 0) return [];
  const known = new Set(
    (await prisma.region.findMany({ where: { level: 'PROVINCE', code: { in: wanted } }, select: { code: true }, distinct: ['code'] })).map((r) => r.code),
  );
  const unknown = wanted.filter((c) => !known.has(c));
  if (unknown.length && known.size === 0 && (await prisma.region.count({ where: { level: 'PROVINCE' } })) === 0) {
    throw new ApiKeyError('the database holds no regions yet, so --region cannot be checked: run `pnpm db:seed` (or start the gateway once) first');
  }
  if (unknown.length) {
    throw new ApiKeyError(
      `no province has the code ${unknown.map((c) => `"${c}"`).join(', ')}: use province codes as in regions(level: PROVINCE), e.g. 48 (Đà Nẵng) or 49 (Quảng Nam, until 2025-06-30)`,
    );
  }
  return wanted;
}

const auditActor = (by: KeyActor) => ({ principal: by.principal ?? null, actor: by.actor ?? (by.principal ? 'key' : 'cli') });

/** A prefix or id as given, without repeating a whole key into a message or a terminal. */
const shown = (value: string | number) => (typeof value === 'string' && value.length > PREFIX_LENGTH ? `${value.slice(0, PREFIX_LENGTH)}…` : String(value));
