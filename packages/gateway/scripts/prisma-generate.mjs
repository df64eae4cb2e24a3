// Runs `prisma generate` for the gateway without Prisma's native schema engine.
// The Prisma CLI downloads a native schema-engine binary on every command unless
// PRISMA_SCHEMA_ENGINE_BINARY names a file; `generate` never runs it, so any existing file will do.
// (Migrations go through the WASM engine: src/db/migrate.ts.)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = path.resolve(here, '../../../prisma/schema.prisma');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

const result = spawnSync('prisma', ['generate', '--schema', schema], {
  cwd: path.resolve(here, '..'),
  env,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (result.error) {
  console.error(`prisma generate could not start: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
