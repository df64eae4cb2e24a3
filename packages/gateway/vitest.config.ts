import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // The workspace's packages from their TypeScript source (@chiso/charts' "@chiso/source" export
  // condition), as `pnpm dev` runs them.
  ssr: { resolve: { conditions: ['@chiso/source'] } },
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module). Node loads the CJS build for graphql-yoga;
    // Vite would give our code the ESM build, and `instanceof GraphQLError` would fail between the
    // two copies (every GraphQLError masked as "Unexpected error."). One copy, as in production.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // Each file opens its own databases (PGlite in WASM, a PostgreSQL database): run files one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
