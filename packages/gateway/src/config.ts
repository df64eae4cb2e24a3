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

/** A whole number of at least `min`, e.g. `CHISO_MAX_TOKENS=2000`. */
const count = (fallback: number, min = 1) =>
  z.coerce
    .number({ error: `must be a whole number of at least ${min}` })
    .int(`must be a whole number of at least ${min}`)
    .min(min, `must be at least ${min}`)
    .default(fallback);

/**
 * Limits on what one request may ask of the gateway (docs/limits.md): each refusal is a GraphQL
 * error with a code and the limit. The defaults fit the widgets, the builder and GraphiQL.
 */
function limitVariables() {
  return {
    /** Largest body of a GraphQL request other than an upload (bytes). @default 102400 (100 KB) */
    CHISO_MAX_BODY_BYTES: count(100 * 1024, 1024),
    /** Largest multipart request (the importData mutation's files, bytes). @default 20971520 (20 MB) */
    CHISO_MAX_UPLOAD_BYTES: count(20 * 1024 * 1024, 1024),
    /** Time a query may take before the client gets a 503 REQUEST_TIMEOUT (ms); mutations are not cut. @default 10000 */
    CHISO_REQUEST_TIMEOUT_MS: count(10_000, 100),
    /** Operations in one batched request (a JSON array). @default 10 */
    CHISO_MAX_BATCH: count(10),
    /** Tokens in a document, counted while it is parsed. @default 1000 */
    CHISO_MAX_TOKENS: count(1000, 100),
    /** Aliases in an operation. @default 15 */
    CHISO_MAX_ALIASES: count(15, 0),
    /** Directives in an operation. @default 50 */
    CHISO_MAX_DIRECTIVES: count(50, 0),
    /** Nesting of fields (Pothos complexity plugin). @default 12 */
    CHISO_MAX_DEPTH: count(12),
    /** Fields selected at one level, fragments included. @default 400 */
    CHISO_MAX_BREADTH: count(400),
    /** Cost of an operation: one per field, lists ten times their selection or `first` times (Pothos complexity plugin). @default 20000 */
    CHISO_MAX_COMPLEXITY: count(20_000),
    /** `on` keeps "Did you mean …?" in validation errors, `off` hides the schema's field names from them. @default off when NODE_ENV=production, else on */
    CHISO_FIELD_SUGGESTIONS: z.enum(['on', 'off'], { error: 'must be on or off' }).optional(),
  };
}
/** A whole number from the environment, with a message that gives the range and an example. */
const wholeNumber = (min: number, max: number, example: string) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}, e.g. ${example}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be ${min} or more, e.g. ${example}`).max(max, `must be ${max} or less, e.g. ${example}`));

const envSchema = z.object({
  PORT: wholeNumber(0, 65535, 'PORT=4000 (0 picks a free port)').default(4000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgresql:// (leave it unset for the embedded database)')
    .optional(),
  /** Connections each gateway process opens to PostgreSQL (ignored by the embedded database, which has one); see docs/serving.md. */
  DATABASE_POOL_SIZE: wholeNumber(1, 500, 'DATABASE_POOL_SIZE=10').optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss:// (leave it unset to cache responses in memory only)')
    .optional(),
  CHISO_DATA_DIR: z
    .string()
    .min(1)
    .default(path.join(repoRoot, '.data', 'pglite')),
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
  CHISO_PERSISTED_ONLY: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  ...limitVariables(),
  NODE_ENV: z.string().optional(),

  // Operations (docs/operations.md).
  /**
   * Serve Prometheus metrics at /metrics on the gateway's port: `off`, or `on` (anyone who reaches
   * the port may read them unless METRICS_TOKEN is set). @default off
   */
  METRICS: z
    .enum(['on', 'off'], { error: 'must be on or off (on serves /metrics; set METRICS_TOKEN to require a key)' })
    .default('off')
    .transform((v) => v === 'on'),
  /** With METRICS=on: /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. At least 16 characters. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (e.g. the output of `openssl rand -hex 16`)').optional(),
  /** Seconds a stopping gateway (SIGTERM, SIGINT) lets requests in flight finish before it closes their connections. @default 10 */
  SHUTDOWN_TIMEOUT: wholeNumber(0, 600, 'SHUTDOWN_TIMEOUT=10 (seconds)').default(10),
});

/** Values never repeated in a message: secrets, and URLs that may carry a password (only their scheme is shown). */
const SECRET = new Set(['DATABASE_URL', 'REDIS_URL', 'METRICS_TOKEN']);
/** Its own messages quote the value where that is safe (not a password in it). */
const QUOTES_ITSELF = new Set(['PUBLIC_URL']);
/** CHISO_ variables read elsewhere (tests, screenshots), not by the gateway's start. */
const OTHER_CHISO = ['CHISO_REQUIRE_POSTGRES', 'CHISO_REQUIRE_BROWSER', 'CHISO_SCREENSHOTS'];

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
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const name = i.path.join('.');
        const value = cleaned[name];
        if (value === undefined || QUOTES_ITSELF.has(name) || i.message.includes(value)) return `${name}: ${i.message}`;
        const shown = SECRET.has(name) ? `${value.replace(/^(\w+:\/\/).*$|^.*$/s, (_, scheme) => (scheme ? `${scheme}…` : '…'))}` : value;
        return `${name}: ${i.message} (got "${shown}")`;
      });
  if (problems.length) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  if (parsed.data!.METRICS_TOKEN && !parsed.data!.METRICS)
    throw new ConfigError('invalid configuration: METRICS_TOKEN: is set but METRICS is off; set METRICS=on to serve /metrics');
  return parsed.data!;
}

/**
 * CHISO_ variables the gateway does not know (a typo would be ignored silently), each with the
 * setting it probably meant; the server prints them at start without stopping.
 */
export function unknownSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  const known = [...Object.keys(envSchema.shape), ...OTHER_CHISO];
  return Object.keys(env)
    .filter((name) => name.startsWith('CHISO_') && !known.includes(name))
    .map((name) => {
      const [nearest, edits] = known.map((k) => [k, distance(name, k)] as const).sort((a, b) => a[1] - b[1])[0]!;
      return `${name} is not a chiso setting and is ignored${edits <= 3 ? `; did you mean ${nearest}?` : ' (see the Configuration table of the README)'}`;
    });
}

/** Edits (insert, delete, replace) from one name to another. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The limits of docs/limits.md, read from a checked configuration. */
export function limitsOf(config: Config) {
  return {
    bodyBytes: config.CHISO_MAX_BODY_BYTES,
    uploadBytes: config.CHISO_MAX_UPLOAD_BYTES,
    timeoutMs: config.CHISO_REQUEST_TIMEOUT_MS,
    batch: config.CHISO_MAX_BATCH,
    tokens: config.CHISO_MAX_TOKENS,
    aliases: config.CHISO_MAX_ALIASES,
    directives: config.CHISO_MAX_DIRECTIVES,
    query: { depth: config.CHISO_MAX_DEPTH, breadth: config.CHISO_MAX_BREADTH, complexity: config.CHISO_MAX_COMPLEXITY },
    fieldSuggestions: (config.CHISO_FIELD_SUGGESTIONS ?? (config.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
  };
}

export type Limits = ReturnType<typeof limitsOf>;
