import type { z } from 'zod';
import { ImportFileError } from './problems.ts';

/**
 * Reads a YAML or JSON document (JSON is YAML) and checks it against a schema; a problem names the
 * file and each field that is wrong. The YAML parser is loaded with the first document (an import
 * with a mapping or a catalogue), not at start.
 */
export async function parseDocument<T extends z.ZodType>(name: string, text: string, schema: T, what: string): Promise<z.infer<T>> {
  const { parse: parseYaml } = await import('yaml');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ImportFileError(`${name}: not valid YAML or JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  at ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new ImportFileError(`${name} is not a valid ${what}:\n${problems}`);
  }
  return parsed.data;
}
