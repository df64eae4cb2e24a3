import type { Prisma } from '../generated/prisma/client.ts';
import type { CacheEntity } from './shared-cache.ts';

/**
 * What a publish changed, by the names cached entries are tagged with: the indicators whose
 * values changed (with every ratio indicator computed from them) and the saved charts changed.
 */
export interface Publication {
  indicators: string[];
  charts: string[];
  /** Its number in the publication log (publication-log.ts), once recorded. */
  id?: number;
}

/**
 * Publishes the log keeps (older ones are deleted as new ones are recorded): a shared cache further
 * behind than this is emptied rather than caught up (publication-log.ts).
 */
export const KEPT_PUBLICATIONS = 500;

/** The PostgreSQL channel every gateway on the database listens on. */
export const PUBLICATION_CHANNEL = 'chiso_publication';

/**
 * Tags of cached entries (see data-tags.ts): `IndicatorData:<slug>` on every answer and embed that
 * shows the indicator, `AnyIndicatorData:all` on answers that read values without naming an
 * indicator, `Chart:<id>` on a saved chart's answers and embeds. Always with an id: the Redis
 * store finds typename-only entries with KEYS, which its key prefix defeats.
 */
export function entitiesOf(p: Publication): CacheEntity[] {
  return [
    ...p.indicators.map((slug) => ({ typename: 'IndicatorData', id: slug })),
    ...(p.indicators.length ? [{ typename: 'AnyIndicatorData', id: 'all' }] : []),
    ...p.charts.map((id) => ({ typename: 'Chart', id })),
  ];
}

/**
 * The indicators an import changed: those it recorded values for, every ratio computed from them
 * (at any depth), and every indicator when it changed the catalogue (units, names, sources).
 */
export async function importedIndicators(tx: Prisma.TransactionClient, importId: number, catalogueChanged: boolean): Promise<string[]> {
  if (catalogueChanged) return (await tx.indicator.findMany({ select: { slug: true } })).map((i) => i.slug);
  const rows = await tx.$queryRaw<Array<{ slug: string }>>`
    WITH RECURSIVE touched(id) AS (
      SELECT DISTINCT "indicatorId" FROM "Observation" WHERE "importId" = ${importId}
      UNION
      SELECT i.id FROM "Indicator" i JOIN touched t ON i."numeratorId" = t.id OR i."denominatorId" = t.id
    )
    SELECT slug FROM "Indicator" WHERE id IN (SELECT id FROM touched) ORDER BY slug`;
  return rows.map((r) => r.slug);
}

/**
 * Records the publish in the publication log and tells every gateway on this database, when the
 * transaction commits (and only then), what it changed; an import by the command line in another
 * process reaches them too, and one that no gateway hears is found in the log by the next gateway
 * to connect to the shared cache (publication-log.ts). The log's numbers follow commit order: the
 * table lock is held from the number's choice to the commit, so a publish that commits later
 * never has a smaller number. Split to stay under PostgreSQL's 8,000-byte payload limit.
 * Returns the publish's number (none for a publish that changed nothing).
 */
export async function announcePublication(tx: Prisma.TransactionClient, p: Publication): Promise<number | null> {
  if (!p.indicators.length && !p.charts.length) return null;
  await tx.$executeRaw`LOCK TABLE "Publication" IN SHARE ROW EXCLUSIVE MODE`;
  const { id } = await tx.publication.create({ data: { indicators: p.indicators, charts: p.charts }, select: { id: true } });
  await tx.publication.deleteMany({ where: { id: { lte: id - KEPT_PUBLICATIONS } } });
  for (const payload of chunks({ ...p, id })) await tx.$executeRaw`SELECT pg_notify(${PUBLICATION_CHANNEL}, ${payload})`;
  return id;
}

function* chunks(p: Publication): Generator<string> {
  const empty = (): Publication => ({ id: p.id!, indicators: [], charts: [] });
  let current = empty();
  let size = 60;
  for (const [list, name] of [
    [p.indicators, 'indicators'],
    [p.charts, 'charts'],
  ] as const) {
    for (const item of list) {
      if (size + item.length + 4 > 7_900) {
        yield JSON.stringify(current);
        current = empty();
        size = 60;
      }
      current[name].push(item);
      size += Buffer.byteLength(item) + 4;
    }
  }
  if (current.indicators.length || current.charts.length) yield JSON.stringify(current);
}

/** Reads a notification's payload; null for one that is not a publication. */
export function parsePublication(payload: string | undefined): Publication | null {
  try {
    const p = JSON.parse(payload ?? '') as Partial<Publication>;
    if (!Array.isArray(p.indicators) || !Array.isArray(p.charts)) return null;
    return { indicators: p.indicators.map(String), charts: p.charts.map(String), ...(Number.isInteger(p.id) ? { id: p.id } : {}) };
  } catch {
    return null;
  }
}

type Listener = (p: Publication) => Promise<void>;
const listeners = new WeakMap<object, Set<Listener>>();

/** Runs `listener` after each publish made with this database client in this process (createApp's cache). */
export function onPublished(client: object, listener: Listener): void {
  listeners.set(client, (listeners.get(client) ?? new Set()).add(listener));
}

/**
 * Tells this process's apps on the same database client what a committed publish changed, and
 * waits until their caches have dropped it: the next read through them is fresh. Other clients
 * and processes hear it from PostgreSQL (announcePublication).
 */
export async function publishedWith(client: object, p: Publication): Promise<void> {
  await Promise.all([...(listeners.get(client) ?? [])].map((l) => l(p)));
}
