// The builder's requests to the gateway that serves it, through the widgets' client.
import { postOperation, WidgetFetchError } from '@chiso/widgets/data/client.ts';
import type { Indicator } from './model/chart.ts';
import type { ChartInput, TypedDocumentString } from './model/generated/graphql.ts';
import { CHART, CREATE, namedIndicators, namesQuery, PROVINCES, SEARCH, UPDATE, type SavedChart } from './model/queries.ts';

/** Same origin: the gateway serves the builder. */
export const API = '/graphql';

export { WidgetFetchError };

/** The gateway's code for an error (UNAUTHENTICATED, FORBIDDEN…), or '' for one it did not give. */
export const codeOf = (error: unknown): string => (error instanceof WidgetFetchError ? (error.code ?? '') : '');

/** What went wrong, as the gateway said it; a network failure says the gateway was not reached. */
export function reason(error: unknown): string {
  if (error instanceof WidgetFetchError && (error.kind === 'network' || error.kind === 'timeout'))
    return `Không kết nối được gateway (cannot reach the gateway): ${error.message}`;
  if (error instanceof WidgetFetchError && error.kind === 'http') return `Gateway trả lời HTTP ${error.status} (the gateway answered HTTP ${error.status})`;
  return (error as Error).message;
}

/** Sends a generated document as its text: its result and variables are the ones codegen typed it with. */
const post = <TResult, TVariables extends Record<string, unknown>>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, key: string) =>
  postOperation<TResult>(API, document.toString(), variables, { key });

export const searchIndicators = (search: string, key: string) => post(SEARCH, { search: search || null, first: 100 }, key);

export const provincesAt = (at: string, key: string) => post(PROVINCES, { at }, key);

export async function nameIndicators(slugs: readonly string[], key: string): Promise<Indicator[]> {
  if (slugs.length === 0) return [];
  const { query, variables } = namesQuery(slugs);
  return namedIndicators(slugs, await postOperation<Record<string, Indicator | null>>(API, query, variables, { key }));
}

/** Saves a new version of chart `id`, or a new chart; updateChart answers null for an id the gateway does not know (a database reset): saved anew. */
export async function saveChart(id: string | null, input: ChartInput, key: string): Promise<SavedChart> {
  const updated = id ? (await post(UPDATE, { id, input }, key)).updateChart : null;
  return updated ?? (await post(CREATE, { input }, key)).createChart;
}

export const loadChart = async (id: string, key: string) => (await post(CHART, { id }, key)).chart;
