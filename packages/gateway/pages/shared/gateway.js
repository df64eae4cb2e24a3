// Talking to the gateway from the pages it serves (the chart builder, the publish page): a GraphQL
// request as JSON, and an upload as a GraphQL multipart request
// (https://github.com/jaydenseric/graphql-multipart-request-spec), which graphql-yoga parses.

export const API = '/graphql';
const ACCEPT = 'application/graphql-response+json, application/json';

/**
 * What went wrong, as the gateway said it. `code` is the GraphQL error's extensions.code
 * (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, …), NETWORK when the gateway was not reached,
 * HTTP when it answered without a GraphQL error.
 */
export class GatewayError extends Error {
  constructor(message, code, status, extensions = {}) {
    super(message);
    this.name = 'GatewayError';
    this.code = code;
    this.status = status;
    this.extensions = extensions;
  }
}

/** The data of a GraphQL answer, or a GatewayError with the server's messages (joined when several). */
function dataOf(status, text) {
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // A proxy's error page or an empty body: the status is all there is.
  }
  if (body?.errors?.length) {
    const first = body.errors[0];
    throw new GatewayError(body.errors.map((e) => e.message).join('; '), first.extensions?.code ?? 'GRAPHQL', status, first.extensions ?? {});
  }
  if (status < 200 || status >= 300 || !body?.data) {
    throw new GatewayError(`Gateway trả lời HTTP ${status} (the gateway answered HTTP ${status})`, 'HTTP', status);
  }
  return body.data;
}

const authorization = (key) => (key ? { authorization: `Bearer ${key}` } : {});

/** Where this browser keeps the publishing key: one paste serves the builder and the publish page. */
export const KEY_STORAGE = 'chiso.publishingKey';

export const keyStorage = {
  get() {
    try {
      return localStorage.getItem(KEY_STORAGE) ?? '';
    } catch {
      return ''; // storage refused (private window, policy): the key lives in the field only
    }
  },
  set(value) {
    try {
      if (value) localStorage.setItem(KEY_STORAGE, value);
      else localStorage.removeItem(KEY_STORAGE);
    } catch {
      // as above
    }
  },
};

/**
 * POSTs a document as JSON, with the key given, else the key kept in this browser: a gateway with
 * the safelist on (CHISO_PERSISTED_ONLY) answers the pages' own queries only to a key.
 */
export async function gql(query, variables = {}, key = keyStorage.get()) {
  let response;
  try {
    response = await fetch(API, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: ACCEPT, ...authorization(key) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new GatewayError(`Không kết nối được gateway (cannot reach the gateway): ${error.message}`, 'NETWORK', 0);
  }
  return dataOf(response.status, await response.text());
}

/**
 * Sends a mutation whose variables include files. `files` maps a variable name to a File (or null);
 * each file goes in its own part, named "0", "1", … in the order given, and `map` says which
 * variable each part fills. XMLHttpRequest rather than fetch: only it reports upload progress.
 *
 * @param {{ query: string, variables: object, files: Record<string, File | null>, key?: string,
 *   onUploadProgress?: (fraction: number, loaded: number, total: number) => void, onUploaded?: () => void }} request
 * @returns {{ promise: Promise<object>, abort: () => void }}
 */
export function upload({ query, variables, files, key = '', onUploadProgress = () => {}, onUploaded = () => {} }) {
  const operations = { query, variables: { ...variables } };
  const map = {};
  const parts = [];
  for (const [name, file] of Object.entries(files)) {
    operations.variables[name] = null; // the spec: a file's place holds null, the map fills it
    if (!file) continue;
    map[String(parts.length)] = [`variables.${name}`];
    parts.push(file);
  }
  const body = new FormData();
  body.append('operations', JSON.stringify(operations));
  body.append('map', JSON.stringify(map));
  parts.forEach((file, i) => {
    body.append(String(i), file, file.name);
  });

  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open('POST', API);
    xhr.setRequestHeader('accept', ACCEPT);
    if (key) xhr.setRequestHeader('authorization', `Bearer ${key}`);
    xhr.setRequestHeader('x-graphql-yoga-csrf', '1'); // a multipart POST without a key is otherwise refused as a possible cross-site form
    // Listeners on xhr.upload must be set before send(), or the browser may not report progress.
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onUploadProgress(event.loaded / event.total, event.loaded, event.total);
    });
    xhr.upload.addEventListener('load', () => onUploaded());
    xhr.addEventListener('load', () => {
      try {
        resolve(dataOf(xhr.status, xhr.responseText));
      } catch (error) {
        reject(error);
      }
    });
    xhr.addEventListener('error', () => reject(new GatewayError('Không kết nối được gateway (cannot reach the gateway)', 'NETWORK', 0)));
    xhr.addEventListener('abort', () => reject(new GatewayError('Đã huỷ (cancelled)', 'ABORTED', 0)));
    xhr.send(body);
  });
  return { promise, abort: () => xhr.abort() };
}
