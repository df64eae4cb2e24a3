import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { namedIndicators, namesQuery } from '../src/model/queries.ts';

// The static documents are checked by codegen; the names query is built at run time, so it is checked here.
const schema = buildSchema(readFileSync(new URL('../../gateway/schema.graphql', import.meta.url), 'utf8'));

describe('namesQuery', () => {
  it('asks for several indicators in one request, one alias each, with the fields of the BuilderIndicator fragment', () => {
    const { query, variables } = namesQuery(['pci_score', 'papi_score']);
    expect(query).toMatch(
      /^query BuilderNames\(\$s0: String!, \$s1: String!\) \{ i0: indicator\(slug: \$s0\) \{ \.\.\.BuilderIndicator \} i1: indicator\(slug: \$s1\) \{ \.\.\.BuilderIndicator \} \}\n/,
    );
    expect(query.replace(/\s+/g, ' ')).toContain('fragment BuilderIndicator on Indicator { slug name nameEn: name(lang: EN) }');
    expect(variables).toEqual({ s0: 'pci_score', s1: 'papi_score' });
  });
  it("is a valid document for the gateway's schema", () => {
    expect(validate(schema, parse(namesQuery(['pci_score', 'papi_score', 'population']).query)).map((e) => e.message)).toEqual([]);
  });
  it('keeps the order asked, and a slug the gateway does not know as its own name', () => {
    const pci = { slug: 'pci_score', name: 'Điểm PCI', nameEn: 'PCI score' };
    expect(namedIndicators(['gone', 'pci_score'], { i0: null, i1: pci })).toEqual([{ slug: 'gone', name: 'gone', nameEn: '' }, pci]);
  });
});
