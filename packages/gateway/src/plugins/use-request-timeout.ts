import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createGraphQLError } from 'graphql-yoga';

/**
 * Answers a query that runs longer than `timeoutMs` with 503 REQUEST_TIMEOUT, so a client (and
 * the reader waiting on a widget) gets an answer instead of a hang. The statements already sent
 * finish in the database; their result is dropped. Mutations are not cut: answering "timed out"
 * while the import or the chart still lands would tell the client something false.
 */
export function useRequestTimeout(timeoutMs: number): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      setExecuteFn(async (executeArgs) => {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<{ errors: Error[] }>((resolve) => {
          timer = setTimeout(() => resolve({ errors: [timeoutError(timeoutMs)] }), timeoutMs);
        });
        try {
          return await Promise.race([executeFn(executeArgs), timedOut]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}

const timeoutError = (limit: number) =>
  createGraphQLError(`the query took longer than the limit of ${limit} ms: ask for fewer regions, indicators or periods, or try again in a moment`, {
    extensions: { code: 'REQUEST_TIMEOUT', http: { status: 503, headers: { 'retry-after': '5' } }, limit },
  });
