import type { Context } from 'hono';
import { CairnError, HTTP_STATUS, isCairnError, type ErrorCode } from '../errors.ts';

/**
 * The server's one error boundary. MISP routes answer in MISP's shape
 * (`{"name", "message", "url"}`, as CakePHP's exception renderer does); native routes in
 * Cairn's documented shape (`{"error": {"code", "message", "hint"?, "details"?}}`). The status
 * comes from HTTP_STATUS; only a failed login differs on MISP routes, where MISP says 403.
 */
export function toCairnError(e: unknown): CairnError {
  if (isCairnError(e)) return e;
  const status = (e as { status?: number }).status;
  if (status === 413) return new CairnError('TOO_LARGE', 'Request body too large', { cause: e });
  if (e instanceof SyntaxError) return new CairnError('INVALID_INPUT', 'The request body is not valid JSON', { cause: e });
  return new CairnError('INTERNAL', 'Internal error', { cause: e });
}

export const isNativePath = (path: string): boolean => path.startsWith('/api/');

export function errorResponse(c: Context, e: unknown, log?: (line: string) => void): Response {
  const err = toCairnError(e);
  if (err.code === 'INTERNAL' && log) log(`error ${c.req.method} ${c.req.path}: ${String((err.cause as Error)?.stack ?? err.cause ?? err.message)}`);
  const path = new URL(c.req.url).pathname;
  if (isNativePath(path)) {
    const body = { error: { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}), ...(err.details !== undefined ? { details: err.details } : {}) } };
    return c.json(body, HTTP_STATUS[err.code] as 400);
  }
  return c.json({ name: err.message, message: err.message, url: path, ...(err.details !== undefined ? { errors: err.details } : {}) }, mispStatus(err.code) as 400);
}

export const mispStatus = (code: ErrorCode): number => (code === 'UNAUTHORIZED' ? 403 : HTTP_STATUS[code]);
