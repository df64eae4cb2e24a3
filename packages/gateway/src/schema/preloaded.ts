import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.ts';

/**
 * Rows a hand-written statement has already loaded (with the relations in `loaded`), handed to the
 * prisma plugin as if its own query had loaded them: `queryFromInfo` records the selection for this
 * field, so nested relations that are on the rows resolve from them without a statement. When the
 * client asks for a relation the statement did not load, `reload` fetches the rows again with the
 * plugin's query (one statement, correct for any selection).
 */
export async function asPrismaRows<T extends { id: number }>(
  ctx: Context,
  info: GraphQLResolveInfo,
  rows: T[],
  loaded: readonly string[],
  reload: (ids: number[], query: object) => Promise<T[]>,
): Promise<T[]> {
  const query = queryFromInfo({ context: ctx, info }) as { include?: Record<string, unknown>; select?: Record<string, unknown> };
  const asked = Object.keys(query.include ?? {});
  if (rows.length === 0 || query.select || asked.every((name) => loaded.includes(name))) return rows;
  const again = new Map(
    (
      await reload(
        rows.map((r) => r.id),
        query,
      )
    ).map((r) => [r.id, r]),
  );
  return rows.map((r) => again.get(r.id) ?? r);
}

/** An indicator row loaded with its unit by a hand-written statement, as the prisma plugin's `Indicator`. */
export async function asPrismaIndicator<T extends { id: number }>(ctx: Context, info: GraphQLResolveInfo, indicator: T): Promise<T> {
  const [row] = await asPrismaRows(
    ctx,
    info,
    [indicator],
    ['unit'],
    (ids, query) => ctx.prisma.indicator.findMany({ ...query, where: { id: { in: ids } } }) as unknown as Promise<T[]>,
  );
  return row!;
}
