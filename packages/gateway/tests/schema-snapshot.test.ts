import fs from 'node:fs';
import { type GraphQLObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';

describe('the committed schema.graphql', () => {
  it('is the schema the gateway serves (run `pnpm --filter @chiso/gateway schema:print` after a change)', () => {
    const committed = fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(`${printSchema(lexicographicSortSchema(schema))}\n`).toBe(committed);
  });

  it('keeps the contract other parts rely on', () => {
    const signature = (typeName: string, field: string) => {
      const f = (schema.getType(typeName) as GraphQLObjectType).getFields()[field]!;
      return `${f.args
        .map((a) => `${a.name}: ${a.type}`)
        .sort()
        .join(', ')} -> ${f.type}`;
    };
    expect(signature('Query', 'indicators')).toBe(
      'after: String, before: String, category: IndicatorCategory, first: Int, last: Int, search: String -> IndicatorConnection!',
    );
    expect(signature('Query', 'indicator')).toBe('slug: String! -> Indicator');
    expect(signature('Query', 'regions')).toBe('after: String, at: Date, before: String, first: Int, last: Int, level: RegionLevel -> RegionConnection!');
    expect(signature('Query', 'region')).toBe('at: Date, code: String! -> Region');
    expect(signature('Indicator', 'series')).toBe('asOf: DateTime, from: Date, region: String!, to: Date -> [Observation!]!');
    expect(signature('Query', 'ranking')).toBe('asOf: DateTime, at: Date, indicator: String!, level: RegionLevel, period: String! -> Ranking');
    expect(signature('Query', 'aggregate')).toBe(
      'asOf: DateTime, at: Date, indicator: String!, level: RegionLevel, parent: String, period: String!, regions: [String!] -> Aggregate',
    );
    expect(signature('Observation', 'change')).toBe('against: ChangeReference, asOf: DateTime -> Change');
    expect(signature('Indicator', 'name')).toBe('lang: Lang -> String!');
    expect(signature('Observation', 'reportedChange')).toBe(' -> ReportedChange');
    expect(signature('Region', 'predecessors')).toBe(' -> [Region!]!');
    expect(signature('Source', 'publishedAt')).toBe(' -> Date');
    // One request per widget: several regions of an indicator, several indicators of a region.
    expect(signature('Query', 'indicatorSeries')).toBe('asOf: DateTime, from: Date, indicator: String!, regions: [String!]!, to: Date -> IndicatorSeries');
    expect(signature('Query', 'indicatorValues')).toBe(
      'asOf: DateTime, from: Date, indicators: [String!]!, period: String, region: String!, to: Date -> [IndicatorValue!]!',
    );
    expect(signature('IndicatorSeries', 'series')).toBe(' -> [RegionSeries!]!');
    expect(signature('RegionSeries', 'observations')).toBe(' -> [Observation!]!');
    expect(signature('RegionSeries', 'latest')).toBe(' -> Observation');
    expect(signature('IndicatorValue', 'observation')).toBe(' -> Observation');
    expect(signature('Ranking', 'indicator')).toBe(' -> Indicator!');
  });
});
