// Runs embedded-worker.ts in a new thread from source (tsx, Vitest): a worker thread does not
// inherit the TypeScript loader of the thread that started it, so it registers tsx's first.
import { register } from 'tsx/esm/api';

register();
await import('./embedded-worker.ts');
