import { Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type ValueNode } from 'graphql';
import type { CacheEntity } from './shared-cache.ts';

/** Fields that read indicator values without naming an indicator (any publish may change them). */
const UNNAMED = new Set(['Query.indicators', 'Query.node', 'Query.nodes']);

/**
 * The data an operation's answer depends on, as cache tags: `IndicatorData:<slug>` for each
 * indicator it names (`indicator(slug:)`, an `indicator:` argument), `AnyIndicatorData:all` when
 * it may read values of indicators it does not name (the catalogue, `node`, a region's
 * observations of every indicator). A publish invalidates the tags of what it changed
 * (publication.ts), so an answer about other indicators stays cached. Read from the document,
 * not the answer: an answer need not show the indicator it was computed from.
 */
export function dataTags(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | null | undefined): CacheEntity[] {
  const slugs = new Set<string>();
  let unnamed = false;
  const read = (value: ValueNode | undefined): unknown =>
    value?.kind === Kind.VARIABLE ? variables?.[value.name.value] : value?.kind === Kind.STRING ? value.value : undefined;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node.operation === 'query' ? undefined : false),
      Field(node) {
        const coordinate = `${typeInfo.getParentType()?.name}.${node.name.value}`;
        if (UNNAMED.has(coordinate)) unnamed = true;
        const named = coordinate === 'Query.indicator' ? 'slug' : 'indicator';
        const arg = node.arguments?.find((a) => a.name.value === named);
        if (arg) {
          const slug = read(arg.value);
          if (typeof slug === 'string') slugs.add(slug);
          else unnamed = true;
        } else if (coordinate === 'Region.observations') {
          unnamed = true;
        }
      },
    }),
  );
  return [...[...slugs].map((id) => ({ typename: 'IndicatorData', id })), ...(unnamed ? [{ typename: 'AnyIndicatorData', id: 'all' }] : [])];
}
