import type { Plugin } from 'graphql-yoga';
import { createGraphQLError } from 'graphql-yoga';

const JSON_PARAMS = ['variables', 'extensions'] as const;

/**
 * A GET request's `variables` or `extensions` that is not JSON is the client's mistake: 400
 * BAD_REQUEST naming the parameter and how to send it, as a POST body that is not JSON gets.
 * (yoga's GET parser lets JSON.parse's SyntaxError through, which became a 500.) The parameters
 * are read again only when parsing failed.
 */
export function useGetParams(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (request.method !== 'GET' || !requestParser) return;
      const parse = requestParser;
      setRequestParser(async (req) => {
        try {
          return await parse(req);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          const params = new URL(req.url).searchParams;
          const name = JSON_PARAMS.find((p) => {
            try {
              JSON.parse(params.get(p) ?? 'null');
              return false;
            } catch {
              return true;
            }
          });
          throw createGraphQLError(
            `the ${name ?? 'variables'} parameter is not JSON (${error.message}): send it as URL-encoded JSON, e.g. ${name ?? 'variables'}=${encodeURIComponent('{"region":"49"}')}`,
            { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
          );
        }
      });
    },
  };
}
