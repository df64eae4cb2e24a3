// How graphql-codegen types chiso's documents, for every package that generates them (the widgets'
// and the builder's codegen.ts): the schema's scalars as the JSON that carries them, enums as
// string literals, no __typename, imports with .ts as the rest of the source.
/** @type {import('@graphql-codegen/client-preset').ClientPresetConfig & Record<string, unknown>} */
export const typedDocumentsConfig = {
  importExtension: '.ts',
  useTypeImports: true,
  enumType: 'string-literal',
  scalars: { Date: 'string', DateTime: 'string', File: 'never' },
  strictScalars: true,
  skipTypename: true,
};
