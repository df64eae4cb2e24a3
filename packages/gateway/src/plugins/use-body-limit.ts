import type { Plugin } from 'graphql-yoga';
import { createGraphQLError } from 'graphql-yoga';

const CONTENT_LENGTH = /^\d+$/;
const isMultipart = (request: Request) => (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`);

function tooLarge(limit: number, multipart: boolean) {
  const fix = multipart
    ? 'split the file into smaller imports, or ask the operator to raise CHISO_MAX_UPLOAD_BYTES'
    : 'send long values as variables of a shorter document, split the request, or upload files as multipart (importData)';
  return createGraphQLError(`the request body is over the limit of ${size(limit)} (${limit} bytes): ${fix}`, {
    // `connection: close`: the rest of the body is not read; the socket closes after the answer.
    extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413, headers: { connection: 'close' } }, limit },
  });
}

/**
 * Refuses a GraphQL request body over its limit with 413 before it is parsed: at once when
 * `Content-Length` says so, else while it streams in (chunked bodies), so a 10 MB body is never
 * held in memory. Uploads (multipart, the importData mutation) have a larger limit of their own.
 * Replaces yoga's `maxRequestBodySize`, which has one limit for every body and does not name it.
 */
export function useBodyLimit({ bodyBytes, uploadBytes }: { bodyBytes: number; uploadBytes: number }): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const multipart = isMultipart(request);
      const limit = multipart ? uploadBytes : bodyBytes;
      const declared = request.headers.get('content-length');
      if (declared != null && !CONTENT_LENGTH.test(declared)) {
        throw createGraphQLError(`the Content-Length header "${declared}" is not a number of bytes`, {
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        });
      }
      if (declared != null && Number(declared) > limit) throw tooLarge(limit, multipart);
      if (!requestParser || !request.body || declared != null) return;
      const parse = requestParser;
      setRequestParser(async (req) => {
        let read = 0;
        let over = false;
        // A native body needs the native TransformStream, a ponyfill body the ponyfill's (graphql-yoga#4583).
        const Transform = req.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        const counted = req.body!.pipeThrough(
          new Transform({
            transform(chunk: Uint8Array, controller) {
              read += chunk.byteLength;
              if (read > limit) {
                over = true;
                controller.error(tooLarge(limit, multipart));
              } else controller.enqueue(chunk);
            },
          }),
        );
        const limited = new fetchAPI.Request(req.url, {
          method: req.method,
          headers: req.headers,
          signal: req.signal,
          body: counted,
          duplex: 'half',
        } as RequestInit);
        try {
          return await parse(limited);
        } catch (error) {
          // Parsers wrap stream errors in their own ("invalid JSON", "invalid multipart data").
          throw over ? tooLarge(limit, multipart) : error;
        }
      });
    },
  };
}
