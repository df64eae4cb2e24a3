import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Limits } from '../config.ts';
import { useBodyLimit } from './use-body-limit.ts';
import { useGetParams } from './use-get-params.ts';
import { useRequestTimeout } from './use-request-timeout.ts';

/** A refusal of a document over a limit: the same code as the complexity rule (builder.ts). */
export function queryTooComplex(kind: string, limit: number, fix: string): GraphQLError {
  return new GraphQLError(`the query has more ${kind} than the limit of ${limit}: ${fix}`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, kind, limit },
  });
}

/**
 * Every limit on what one request may ask (docs/limits.md), before any resolver runs: the body
 * size, GraphQL Armor's token count (while parsing, so a huge document is refused after
 * `tokens` tokens, not parsed whole), aliases and directives (while validating), field
 * suggestions hidden when configured, and a time limit on queries. Depth, breadth and cost stay
 * with the Pothos complexity plugin (builder.ts), which knows list sizes and `first`.
 */
export function useLimits(limits: Limits): Plugin {
  // Armor reports with its own message; the handlers replace it with a coded error that says what to fix.
  const report = (refusal: () => GraphQLError) => (context: ValidationContext | null) => {
    if (context) context.reportError(refusal());
    else throw refusal();
  };
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useBodyLimit(limits));
      addPlugin(useGetParams());
      addPlugin(
        maxTokensPlugin({
          n: limits.tokens,
          propagateOnRejection: false,
          onReject: [report(() => queryTooComplex('tokens', limits.tokens, 'ask for fewer fields, or split the document into several requests'))],
        }),
      );
      addPlugin(
        maxAliasesPlugin({
          n: limits.aliases,
          propagateOnRejection: false,
          onReject: [
            report(() => queryTooComplex('aliases', limits.aliases, 'ask for each field once (lists take several regions or indicators), or split the query')),
          ],
        }),
      );
      addPlugin(
        maxDirectivesPlugin({
          n: limits.directives,
          propagateOnRejection: false,
          onReject: [report(() => queryTooComplex('directives', limits.directives, 'remove repeated @include/@skip directives'))],
        }),
      );
      if (!limits.fieldSuggestions) addPlugin(blockFieldSuggestionsPlugin({ mask: '(suggestions are hidden: see the schema in the documentation)' }));
      addPlugin(useRequestTimeout(limits.timeoutMs));
    },
  };
}
