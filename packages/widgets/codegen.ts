import type { CodegenConfig } from '@graphql-codegen/cli';
import { typedDocumentsConfig } from '../../scripts/codegen-types.mjs';

/**
 * The widgets' GraphQL documents (src/data/queries.ts), checked against the gateway's committed
 * schema and turned into typed documents and a manifest of persisted documents. The output,
 * src/data/generated/, is build output (git-ignored): `pnpm codegen` writes it, and install,
 * build, typecheck and test run it first.
 */
const config: CodegenConfig = {
  schema: '../gateway/schema.graphql',
  documents: ['src/data/queries.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/data/generated/': {
      preset: 'client',
      presetConfig: {
        // The fragments share selections; they hide nothing from the code that reads the answer.
        fragmentMasking: false,
        // The bundle keeps only each document's hash; the text goes to persisted-documents.json.
        persistedDocuments: { mode: 'replaceDocumentWithHash', hashAlgorithm: 'sha256' },
      },
      config: {
        ...typedDocumentsConfig,
      },
    },
  },
};

export default config;
