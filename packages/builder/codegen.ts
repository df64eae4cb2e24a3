import type { CodegenConfig } from '@graphql-codegen/cli';
import { typedDocumentsConfig } from '../../scripts/codegen-types.mjs';

/**
 * The builder's GraphQL documents (src/model/queries.ts), checked against the gateway's committed
 * schema and typed (result and variables) by graphql-codegen's client preset, as the widgets' are.
 * Unlike the widgets' embeds, the builder sends its documents as text with the publishing key (the
 * gateway's safelist knows only the embeds' documents), so each document is kept as its text
 * (`documentMode: 'string'`), not as a hash. The output, src/model/generated/, is build output
 * (git-ignored): `pnpm codegen` writes it, and install, build, typecheck and test run it first.
 */
const config: CodegenConfig = {
  schema: '../gateway/schema.graphql',
  documents: ['src/model/queries.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/model/generated/': {
      preset: 'client',
      presetConfig: {
        // The fragments share selections; they hide nothing from the code that reads the answer.
        fragmentMasking: false,
      },
      config: {
        documentMode: 'string',
        ...typedDocumentsConfig,
      },
    },
  },
};

export default config;
