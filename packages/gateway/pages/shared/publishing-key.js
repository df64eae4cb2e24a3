// The publishing key field of a page: kept in this browser under one name, so that one paste serves
// the chart builder and the publish page; checked with `viewer`, so a wrong paste shows before a
// save or an import fails.
import { gql, keyStorage as storage } from './gateway.js';

const VIEWER = 'query PublishingKeyViewer { viewer { prefix name scopes regions } }';

/**
 * @param {{ input: HTMLInputElement, status: HTMLElement, empty: string,
 *   describe: (viewer: { prefix: string, name: string, scopes: string[], regions: string[] }) => [string, 'ok' | 'error'] }} options
 *   `empty` is said when there is no key; `describe` says whose key it is and whether it will do.
 */
export function publishingKey({ input, status, empty, describe }) {
  const value = () => input.value.trim();
  const say = (text, kind = '') => {
    status.textContent = text;
    status.className = `hint ${kind}`;
    input.setAttribute('aria-invalid', kind === 'error' ? 'true' : 'false');
  };
  let token = 0;
  async function check() {
    const mine = ++token;
    const key = value();
    if (!key) {
      say(empty);
      return;
    }
    say('Đang xem khoá… (checking the key)');
    try {
      const { viewer } = await gql(VIEWER, {}, key);
      if (mine !== token) return;
      if (!viewer) throw new Error('không có khoá (no key)');
      say(...describe(viewer));
    } catch (error) {
      if (mine !== token) return;
      say(`Khoá không dùng được (the key is not accepted): ${error.message}`, 'error');
    }
  }
  return {
    value,
    say,
    check,
    /** Keeps the field's key in this browser. */
    remember: () => storage.set(value()),
    /** Empties the field and forgets the key in this browser. */
    forget() {
      storage.set('');
      input.value = '';
    },
    /** Puts the kept key in the field; true when there was one. */
    restore() {
      input.value = storage.get();
      return value() !== '';
    },
  };
}
