import fs from 'node:fs';
import { createRequire } from 'node:module';
import { documentId, type PersistedDocument } from '@chiso/widgets/data/client.ts';

/**
 * The manifest graphql-codegen wrote beside the typed documents the tests import (it is generated
 * at install and by `pnpm --filter @chiso/widgets codegen`; the widgets' build copies it to dist/).
 */
export const manifestFile = createRequire(import.meta.url).resolve('@chiso/widgets/data/generated/persisted-documents.json');
export const manifest: Record<string, string> = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));

/** The text of a widget's document, as the gateway runs it for its documentId. */
export function documentText(document: PersistedDocument<unknown, never>): string {
  const text = manifest[documentId(document)];
  if (!text) throw new Error(`${documentId(document)} is not in ${manifestFile}: pnpm --filter @chiso/widgets codegen`);
  return text;
}
