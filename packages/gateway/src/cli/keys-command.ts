/**
 * `pnpm chiso keys create|list|revoke`: the keys that authorise writes. A key is printed once, when
 * created; the database keeps only its prefix and hash.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createApiKey, listApiKeys, revokeApiKey, type KeyRecord } from '../auth/keys.ts';
import type { Database } from '../db/database.ts';
import type { KeyScope } from '../generated/prisma/client.ts';

export const KEYS_USAGE = [
  'usage:',
  '  pnpm chiso keys create --name NAME [--scope publish|admin]... [--region CODE]...',
  '      a key for NAME (who holds it); scope publish (default: imports, saved charts) or admin',
  '      (catalogue, keys, audit log; implies publish); --region limits it to provinces (codes, any date)',
  '  pnpm chiso keys list',
  '  pnpm chiso keys revoke PREFIX',
].join('\n');

const usageError = (problem: string) => new Error(`${problem}\n${KEYS_USAGE}`);

export async function keysCommand(args: string[], db: Database, out: (line: string) => void): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create':
      return create(rest, db, out);
    case 'list':
      parse(rest, {}, 0);
      return list(await listApiKeys(db.prisma), out);
    case 'revoke': {
      const [prefix] = parse(rest, {}, 1).positionals;
      const revoked = await revokeApiKey(db.prisma, prefix!);
      out(`revoked ${revoked.prefix} ("${revoked.name}"): it authorises nothing from now on`);
      return;
    }
    default:
      throw usageError(sub ? `unknown keys command "${sub}"` : 'keys needs a command: create, list or revoke');
  }
}

async function create(args: string[], db: Database, out: (line: string) => void): Promise<void> {
  const { values } = parse(args, { name: { type: 'string' }, scope: { type: 'string', multiple: true }, region: { type: 'string', multiple: true } }, 0);
  const name = values.name as string | undefined;
  if (!name?.trim()) throw usageError('keys create needs --name NAME, saying who holds the key (e.g. --name "Sở Nội vụ Quảng Nam")');
  const scopes = ((values.scope as string[] | undefined) ?? ['publish']).map((s): KeyScope => {
    const scope = s.trim().toUpperCase();
    if (scope !== 'PUBLISH' && scope !== 'ADMIN') throw usageError(`unknown scope "${s}": use --scope publish or --scope admin`);
    return scope;
  });
  // --region 48 --region 49 and --region 48,49 both work.
  const regions = ((values.region as string[] | undefined) ?? [])
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter(Boolean);
  const { key, record } = await createApiKey(db.prisma, { name, scopes, regions });
  out(`created key ${record.prefix} for "${record.name}": scopes ${record.scopes.join(', ')}; regions ${record.regions.join(', ') || 'all'}`);
  out('');
  out(`  ${key}`);
  out('');
  out('This key will not be shown again: store it now. Send it as "Authorization: Bearer <key>" (the chart builder has a field for it).');
}

function list(keys: KeyRecord[], out: (line: string) => void): void {
  if (keys.length === 0) {
    out('no keys yet: pnpm chiso keys create --name NAME [--scope publish|admin]');
    return;
  }
  const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '-');
  const rows = [
    ['prefix', 'name', 'scopes', 'regions', 'created', 'last used', 'revoked'],
    ...keys.map((k) => [k.prefix, k.name, k.scopes.join(','), k.regions.join(',') || 'all', when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt)]),
  ];
  const width = (s: string) => [...s.normalize('NFC')].length;
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i]!))));
  for (const row of rows)
    out(
      row
        .map((cell, i) => cell + ' '.repeat(widths[i]! - width(cell)))
        .join('  ')
        .trimEnd(),
    );
}

/** parseArgs with our usage in every error; `positionals` is the exact number of positionals expected. */
function parse(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  positionals: number,
): { values: Record<string, unknown>; positionals: string[] } {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  if (parsed.positionals.length !== positionals) {
    throw usageError(
      positionals === 0 ? `unexpected ${parsed.positionals.map((p) => `"${p}"`).join(' ')}` : "keys revoke needs the key's PREFIX (see keys list)",
    );
  }
  return parsed;
}
