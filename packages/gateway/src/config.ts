import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Root of the repository (where `prisma/` lives): the folder with pnpm-workspace.yaml above this file, from src/ or from the built dist/. */
export const repoRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the chiso repository (pnpm-workspace.yaml) above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
})();
export const prismaDir = path.join(repoRoot, 'prisma');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgresql:// (leave it unset for the embedded database)')
    .optional(),
  /** Connections each gateway process opens to PostgreSQL (ignored by the embedded database, which has one); see docs/serving.md. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss:// (leave it unset to cache responses in memory only)')
    .optional(),
  CHISO_DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.data', 'pglite')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Where readers reach the gateway, e.g. `https://charts.example.vn`: every absolute URL the
   * gateway writes (embed pages, snippets, oEmbed, CSV links) starts with it. An origin only
   * (scheme, host, port), without a path. @default unset: the listening address http://HOST:PORT
   */
  PUBLIC_URL: z
    .string()
    .transform((value, ctx) => {
      const origin = publicOrigin(value);
      if (origin instanceof Error) {
        ctx.addIssue({ code: 'custom', message: origin.message });
        return z.NEVER;
      }
      return origin;
    })
    .optional(),
  /**
   * How many proxies in front of the gateway to believe about the public scheme and host
   * (`X-Forwarded-Proto`, `X-Forwarded-Host`, only without PUBLIC_URL) and about the client's
   * address (`X-Forwarded-For`, for rate limits); `off` believes none.
   * @default off
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(off|[1-9])$/, 'must be off or the number of proxies in front of the gateway (1 to 9), e.g. TRUST_PROXY=1 behind one load balancer')
    .transform((value) => (value === 'off' ? 0 : Number(value)))
    .default(0),
  /**
   * Requests one client address may send per window without a key (docs/security.md); `off`
   * turns rate limiting off (benchmarks). Counted in Redis with REDIS_URL, else in memory. @default 600
   */
  RATE_LIMIT: z
    .string()
    .regex(/^(off|[1-9]\d{0,6})$/, 'must be off or the number of requests one client may send per window without a key, e.g. RATE_LIMIT=600')
    .transform((value) => (value === 'off' ? null : Number(value)))
    .default(600),
  /** Requests one API key may send per window. @default 6000 */
  RATE_LIMIT_KEY: z.coerce.number({ error: 'must be a number of requests, e.g. RATE_LIMIT_KEY=6000' }).int().min(1).max(10_000_000).default(6000),
  /** The rate limit's window in seconds. @default 60 */
  RATE_LIMIT_WINDOW: z.coerce.number({ error: 'must be a number of seconds, e.g. RATE_LIMIT_WINDOW=60' }).int().min(1).max(86_400).default(60),
  // Safelist (docs/persisted-documents.md): anonymous clients may run only the widgets' persisted documents.
  CHISO_PERSISTED_ONLY: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((v) => v === 'true'),
});

export type Config = z.infer<typeof envSchema>;

/** The origin in a PUBLIC_URL value (without a trailing slash), or an Error saying what is wrong with it. */
function publicOrigin(value: string): string | Error {
  const example = 'e.g. PUBLIC_URL=https://charts.example.vn';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return new Error(`must be an absolute URL with http:// or https:// (got "${value}"; ${example})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return new Error(`must start with http:// or https:// (got "${value}"; ${example})`);
  if (url.username || url.password) return new Error(`must not contain a user name or password (${example})`);
  if (url.pathname !== '/' || url.search || url.hash) {
    return new Error(`must be an origin without a path, query or fragment (got "${value}"; ${example}): serve the gateway at the root of its host name`);
  }
  return url.origin;
}

/** Thrown for a setting that cannot work; the server prints its message as one line and exits. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks the environment once; a bad value fails fast with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}
