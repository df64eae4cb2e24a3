/** Writes the printed GraphQL schema to packages/gateway/schema.graphql (committed; a test fails when it is stale). */
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/schema/index.ts';

const file = fileURLToPath(new URL('../schema.graphql', import.meta.url));
await fs.writeFile(file, `${printSchema(lexicographicSortSchema(schema))}\n`);
console.log(`wrote ${file}`);
