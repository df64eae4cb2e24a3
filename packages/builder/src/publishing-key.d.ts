// Types of the publishing-key field the builder shares with the publish page, served by the gateway
// at /shared/publishing-key.js (packages/gateway/pages/shared/publishing-key.js) and loaded from
// there at run time (tsconfig.json maps the import here).
export interface Viewer {
  prefix: string;
  name: string;
  scopes: string[];
  regions: string[];
}
export interface PublishingKey {
  value(): string;
  say(text: string, kind?: '' | 'ok' | 'error'): void;
  check(): Promise<void>;
  remember(): void;
  forget(): void;
  restore(): boolean;
}
export function publishingKey(options: {
  input: HTMLInputElement;
  status: HTMLElement;
  empty: string;
  describe: (viewer: Viewer) => [string, 'ok' | 'error'];
}): PublishingKey;
