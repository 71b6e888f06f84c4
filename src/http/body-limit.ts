import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { CairnError } from '../errors.ts';
import { requestHeader } from './header.ts';

const tooLarge = (max: number) => new CairnError('TOO_LARGE', `Request body larger than ${max} bytes`);

/**
 * Refuses request bodies larger than `maxBytes` with TOO_LARGE, without touching the body when
 * its size is known up front. Hono's bodyLimit reads `c.req.raw.body` on every request, which
 * makes @hono/node-server build a whole Web Request and ReadableStream around Node's request
 * (~9% of a one-value restSearch's CPU in bench/api's profile); handlers then read the body
 * through node-server's direct path instead. A body with a Content-Length is judged by that
 * header (Node's parser delivers exactly that many bytes); a Node request with neither
 * Content-Length nor Transfer-Encoding has no body; anything else (chunked bodies, Web requests
 * as `app.request()` makes) goes through Hono's bodyLimit, which counts the bytes as they come.
 */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  const counted = honoBodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes);
    },
  });
  return async (c, next) => {
    const chunked = requestHeader(c, 'transfer-encoding') !== undefined;
    const length = requestHeader(c, 'content-length');
    if (!chunked && length !== undefined) {
      if (!/^\d+$/.test(length.trim()) || Number(length) > maxBytes) throw tooLarge(maxBytes);
      return next();
    }
    const fromNode = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined;
    if (!chunked && fromNode) return next();
    return counted(c, next);
  };
}
