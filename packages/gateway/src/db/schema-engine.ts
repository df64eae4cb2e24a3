import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as WasmEngine from '@prisma/schema-engine-wasm/schema_engine_bg';
import { prismaDir } from '../config.ts';

export const schemaPath = path.join(prismaDir, 'schema.prisma');
export const migrationsDir = path.join(prismaDir, 'migrations');
export const noFilters = { externalTables: [], externalEnums: [] };

type SchemaEngine = WasmEngine.SchemaEngine;
let wasmModule: Promise<typeof WasmEngine> | undefined;

/**
 * Prisma's official schema engine compiled to WebAssembly: the native engine that the Prisma CLI
 * downloads cannot be fetched everywhere, and this one needs nothing but npm.
 */
/** The engine reports a Rust panic through this global before it throws; keep the message. */
let lastPanic: string | undefined;
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message: string) {
    lastPanic = message;
  },
};

/** The last panic message of the engine, if any, for error reports. */
export function takeEnginePanic(): string | undefined {
  const message = lastPanic;
  lastPanic = undefined;
  return message;
}

function loadWasm(): Promise<typeof WasmEngine> {
  wasmModule ??= (async () => {
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const module = new WebAssembly.Module(await fs.readFile(wasmPath));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })();
  return wasmModule;
}

export async function readSchema(): Promise<{ path: string; content: string }> {
  return { path: schemaPath, content: await fs.readFile(schemaPath, 'utf8') };
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * A pool whose results report the catalog type `"char"` as text. The engine reads catalog columns
 * of that type (pg_constraint.contype, …) when it describes a database, and `@prisma/adapter-pg`
 * 7.10 has no mapping for it ("Column type 'char' could not be deserialized"). Values of `"char"`
 * already arrive as strings, so only the reported type changes.
 */
function catalogFriendlyPool(connectionString: string): pg.Pool {
  // One connection: the engine runs one statement at a time, and a PGlite socket must not see two
  // connections' messages interleaved (see embedded.ts).
  const pool = new pg.Pool({ connectionString, max: 1 });
  const withTextChar = (queryable: { query: unknown }) => {
    const query = (queryable.query as (...args: unknown[]) => unknown).bind(queryable);
    queryable.query = (...args: unknown[]) => {
      const result = query(...args);
      if (!(result instanceof Promise)) return result; // callback form: pg's own pool internals
      return result.then((value: pg.QueryResult) => {
        for (const field of value?.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
        return value;
      });
    };
  };
  withTextChar(pool);
  pool.on('connect', withTextChar);
  // A dropped shadow database ends its idle connections; that is not an error worth a crash.
  pool.on('error', () => {});
  return pool;
}

/**
 * An adapter that sends a migration script to the server whole. `@prisma/adapter-pg` 7.10 splits a
 * script at every ";" and runs the pieces one by one, which breaks any statement holding a ";" of
 * its own (a function body, a string, a comment). PostgreSQL runs a multi-statement simple query as
 * one implicit transaction, so a failing script also leaves nothing half-applied.
 */
async function wholeScripts(connecting: Promise<SqlDriverAdapter>, pool: pg.Pool): Promise<SqlDriverAdapter> {
  const adapter = await connecting;
  const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      onError(error);
    }
  };
  return adapter;
}

/**
 * Runs `run` with a schema engine connected to `url`; `shadowUrl` serves the engine's shadow
 * database when given. Connections are closed afterwards.
 */
export async function withSchemaEngine<T>(urls: { url: string; shadowUrl?: string }, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const pools = [catalogFriendlyPool(urls.url)];
  const main = new PrismaPg(pools[0]!);
  let adapter: SqlMigrationAwareDriverAdapterFactory = {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => wholeScripts(main.connect(), pools[0]!),
    connectToShadowDb: () => main.connectToShadowDb(),
  };
  if (urls.shadowUrl) {
    pools.push(catalogFriendlyPool(urls.shadowUrl));
    const shadow = new PrismaPg(pools[1]!);
    adapter = { ...adapter, connectToShadowDb: () => wholeScripts(shadow.connect(), pools[1]!) };
  }
  const wasm = await loadWasm();
  const schema = await readSchema();
  const engine = await wasm.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter));
  try {
    return await run(engine);
  } finally {
    engine.free();
    await Promise.all(pools.map((pool) => pool.end().catch(() => {})));
  }
}
