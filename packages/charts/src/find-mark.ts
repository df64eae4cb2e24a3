import type { Mark } from './scene.ts';

/** The mark of a scene with this key, looked for inside groups too; undefined when none has it. */
export function findMark(marks: readonly Mark[], key: string): Mark | undefined {
  for (const m of marks) {
    if (m.key === key) return m;
    if (m.type === 'group') {
      const found = findMark(m.marks, key);
      if (found) return found;
    }
  }
  return undefined;
}
