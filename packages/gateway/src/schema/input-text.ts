import { parsePrismaCursor } from '@pothos/plugin-prisma';
import { z } from 'zod';
import { badUserInput, MAX_PAGE_SIZE } from '../errors.ts';

/**
 * What a text argument may hold: at most `max` characters that fit what it names, and no NUL
 * character (PostgreSQL cannot store one, and no slug, code or title holds one). One schema per
 * kind of argument, used as `validate:` on every String argument and input field; a test checks
 * that none is left without one (tests/limits.test.ts).
 */
function text(max: number, example: string) {
  return z.string().superRefine((value, ctx) => {
    if (value.includes('\u0000')) ctx.addIssue({ code: 'custom', message: 'contains a NUL character (\\u0000): remove it' });
    else if (value.length > max)
      ctx.addIssue({ code: 'custom', message: `is ${value.length} characters long, over the limit of ${max}: ${example}`, params: { limit: max } });
  });
}

export const inputText = {
  slug: text(100, 'give an indicator slug such as "dossiers_on_time_rate"'),
  regionCode: text(20, 'give a region code such as "49"'),
  period: text(50, 'give a period such as 2021, 2021-Q3, 2021-YTD-09 or 2020-12-15/2021-09-15'),
  search: text(100, 'search with a word or a part of a slug'),
  title: text(200, 'shorten the title'),
  notes: text(2000, 'shorten the notes'),
  keyPrefix: text(40, 'give the prefix of a key such as chiso_k7Qx2mPa'),
  chartId: text(32, 'give the id of a saved chart as it appears in its embed URL'),
  choice: text(20, 'give one of the values listed in the description'),
};

/** A list of text arguments, each checked by `item`; how many a list may hold stays with the resolver that knows. */
export const textList = (item: z.ZodType<string>) => z.array(item);

/** `first` / `last` of every connection (builder.ts). */
export const pageSize = (name: 'first' | 'last') =>
  z.number().superRefine((size, ctx) => {
    if (size < 0) ctx.addIssue({ code: 'custom', message: `must be 0 or more, got ${size}` });
    else if (size > MAX_PAGE_SIZE) {
      const message = `is ${size}, over the page size limit of ${MAX_PAGE_SIZE}: ask for ${MAX_PAGE_SIZE} or fewer and page with "${name === 'first' ? 'after' : 'before'}"`;
      ctx.addIssue({ code: 'custom', message, params: { limit: MAX_PAGE_SIZE } });
    }
  });

/**
 * `after` / `before` of a connection whose cursor is a `kind` column: a cursor this connection
 * handed out (an edge's `cursor`, `pageInfo.endCursor`), not one of another list.
 */
export function connectionCursors(kind: 'string' | 'number') {
  const cursor = z.string().superRefine((value, ctx) => {
    let decoded: unknown;
    try {
      decoded = value.length <= 200 ? parsePrismaCursor(value) : undefined;
    } catch {
      decoded = undefined;
    }
    const fits = kind === 'string' ? typeof decoded === 'string' : Number.isSafeInteger(decoded);
    if (!fits)
      ctx.addIssue({
        code: 'custom',
        message: 'is not a cursor of this list: pass the "cursor" of an edge, or "pageInfo.endCursor", from an earlier page of the same list',
      });
  });
  return z.looseObject({ after: cursor.nullish(), before: cursor.nullish() });
}

type Issue = { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined; params?: { limit?: number } };

/**
 * The plugin's failure as one BAD_USER_INPUT error naming each argument (`"search" is 1000000
 * characters long, …`), with the first one's name and limit in its extensions.
 */
export function invalidArguments(failure: { issues: ReadonlyArray<Issue> }) {
  const named = failure.issues.map((issue) => ({
    name: (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.'),
    message: issue.message,
  }));
  const limit = failure.issues[0]?.params?.limit;
  return badUserInput(named.map(({ name, message }) => (name ? `"${name}" ${message}` : message)).join('; '), {
    argumentName: named[0]?.name,
    ...(limit === undefined ? {} : { limit }),
  });
}
