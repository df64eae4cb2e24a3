import { Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type ValueNode } from 'graphql';
import type { CacheEntity } from './shared-cache.ts';

/** Fields that read indicator values without naming an indicator (any publish may change them). */
const UNNAMED = new Set(['Query.indicators', 'Query.node', 'Query.nodes']);

/** Where a document names an indicator: a slug in its text, a variable, or something else (unknown). */
type Naming = { slug: string } | { variable: string } | null;

/** What a document's walk finds, before its variables are known. */
interface Plan {
  namings: Naming[];
  unnamed: boolean;
}

// Per schema and document: the parser cache hands the same DocumentNode to every request with the
// same text, so a widget's document is walked once, and only its variables are read per request.
const plans = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Plan>>();

function planOf(schema: GraphQLSchema, document: DocumentNode): Plan {
  let bySchema = plans.get(schema);
  if (!bySchema) plans.set(schema, (bySchema = new WeakMap()));
  let plan = bySchema.get(document);
  if (!plan) bySchema.set(document, (plan = walk(schema, document)));
  return plan;
}

function walk(schema: GraphQLSchema, document: DocumentNode): Plan {
  const plan: Plan = { namings: [], unnamed: false };
  const naming = (value: ValueNode): Naming =>
    value.kind === Kind.VARIABLE ? { variable: value.name.value } : value.kind === Kind.STRING ? { slug: value.value } : null;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node.operation === 'query' ? undefined : false),
      Field(node) {
        const coordinate = `${typeInfo.getParentType()?.name}.${node.name.value}`;
        if (UNNAMED.has(coordinate)) plan.unnamed = true;
        const named = coordinate === 'Query.indicator' ? 'slug' : 'indicator';
        const arg = node.arguments?.find((a) => a.name.value === named);
        if (arg) plan.namings.push(naming(arg.value));
        else if (coordinate === 'Region.observations') plan.unnamed = true;
      },
    }),
  );
  return plan;
}

/**
 * The data an operation's answer depends on, as cache tags: `IndicatorData:<slug>` for each
 * indicator it names (`indicator(slug:)`, an `indicator:` argument), `AnyIndicatorData:all` when
 * it may read values of indicators it does not name (the catalogue, `node`, a region's
 * observations of every indicator). A publish invalidates the tags of what it changed
 * (publication.ts), so an answer about other indicators stays cached. Read from the document,
 * not the answer: an answer need not show the indicator it was computed from.
 */
export function dataTags(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | null | undefined): CacheEntity[] {
  const plan = planOf(schema, document);
  const slugs = new Set<string>();
  let unnamed = plan.unnamed;
  for (const naming of plan.namings) {
    const slug = naming === null ? undefined : 'slug' in naming ? naming.slug : variables?.[naming.variable];
    if (typeof slug === 'string') slugs.add(slug);
    else unnamed = true;
  }
  return [...[...slugs].map((id) => ({ typename: 'IndicatorData', id })), ...(unnamed ? [{ typename: 'AnyIndicatorData', id: 'all' }] : [])];
}
