import fs from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.ts';

export interface PersistedDocumentsOptions {
  /** The manifest the widgets' build writes: `{ "sha256:<hex>": "<document>" }` (packages/widgets/dist/persisted-documents.json). */
  manifest: string;
  /**
   * Safelist: anonymous clients may run only the documents of the manifest; a request with a key
   * that has a scope may run any query. Off: any client may run any query. @default false
   */
  persistedOnly?: boolean;
  /** Who sends a request (throws UNAUTHENTICATED for a malformed, unknown or revoked key). */
  authenticate: (request: Request) => Promise<Principal | null>;
  /** Checked against at start: a document the schema no longer answers is named in the log. */
  schema: GraphQLSchema;
  logger: Logger;
}

const BUILD_HINT = 'build the widgets: pnpm --filter @chiso/widgets build';

/** hash -> document; null when the file is missing. Throws for a file that is not such a map. */
function readManifest(file: string): Map<string, string> | null {
  if (!fs.existsSync(file)) return null;
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new Error(`${file} is not a manifest of persisted documents (an object of "sha256:<hex>": "<document>"): ${BUILD_HINT}`);
  }
  return new Map(Object.entries(parsed as Record<string, string>));
}

/** The `documentId` of a POST body, or of a GET query string. */
function documentIdOf(params: object, request: Request): string | null {
  const fromBody = (params as { documentId?: unknown }).documentId;
  if (typeof fromBody === 'string') return fromBody;
  return request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') : null;
}

const modified = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;

/**
 * Persisted documents (GraphQL-over-HTTP `documentId`, in a GET query string or a POST body): the
 * widgets send a hash, the gateway runs the document it stands for. Read at start from the widgets'
 * build and read again when that file changes (a rebuild while the gateway runs).
 */
export function usePersistedDocuments(options: PersistedDocumentsOptions): Plugin {
  const { manifest: file, logger } = options;
  let documents = readManifest(file);
  let readAt = modified(file);
  if (!documents) {
    const level = options.persistedOnly ? 'error' : 'warn';
    logger[level](`no persisted documents at ${file}: the widgets' requests and the embeds' images will fail until you ${BUILD_HINT}`);
  } else {
    logger.info(
      `${documents.size} persisted documents from ${file}; ${options.persistedOnly ? 'safelist on: anonymous clients may run only these' : 'safelist off: any client may run any query'}`,
    );
    for (const [id, text] of documents) {
      let problems: string[];
      try {
        problems = validate(options.schema, parse(text)).map((e) => e.message);
      } catch (error) {
        problems = [(error as Error).message];
      }
      if (problems.length) logger.error(`the persisted document ${id} does not fit the schema (${problems.join('; ')}): ${BUILD_HINT}`);
    }
  }

  // An unknown id looks at the file again, at most once a second (a flood of made-up ids costs no more).
  let checkedAt = 0;
  const lookup = (id: string): string | null => {
    const text = documents?.get(id);
    if (text !== undefined || Date.now() - checkedAt < 1000) return text ?? null;
    checkedAt = Date.now();
    const at = modified(file);
    if (at !== readAt) {
      try {
        documents = readManifest(file);
        readAt = at;
        logger.info(`read ${documents?.size ?? 0} persisted documents again from ${file}`);
      } catch (error) {
        logger.error(`kept the persisted documents read before: ${(error as Error).message}`); // a build still writing it
      }
    }
    return documents?.get(id) ?? null;
  };

  const keyAllows = async (request: Request): Promise<boolean> => {
    // A wrong or revoked key is refused here with UNAUTHENTICATED (401), whatever the document.
    const principal = await options.authenticate(request);
    return principal !== null && principal.scopes.length > 0;
  };

  return usePersistedOperations({
    getPersistedOperation: (id) => lookup(id),
    extractPersistedOperationId: documentIdOf,
    allowArbitraryOperations: options.persistedOnly ? keyAllows : true,
    customErrors: {
      notFound: ({ params, request }) => {
        const id = documentIdOf(params, request) ?? '';
        const why = documents ? 'is not one of the documents this gateway knows' : `is unknown: this gateway has no persisted documents (${file} is missing)`;
        return createGraphQLError(`the persisted document ${id.slice(0, 80)} ${why}; ${BUILD_HINT}, or send the query itself`, {
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 404 } },
        });
      },
      keyNotFound: {
        message: 'send a query, or a documentId of a persisted document (GET /graphql?documentId=sha256:…&variables=…)',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message:
          'this gateway answers anonymous clients only with the widgets\' persisted documents (documentId); to run other queries, send a key: "Authorization: Bearer <key>"',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
    },
  });
}
