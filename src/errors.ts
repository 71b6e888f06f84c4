/**
 * The one error class of Cairn, with a closed set of codes. `core` throws these; each entry
 * point (CLI, HTTP) turns a code into an exit code or a status through one table.
 *
 * @example
 *   throw new CairnError('NOT_FOUND', `no event ${uuid}`, { hint: 'list events with `cairn events`' });
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'UPSTREAM'
  | 'USAGE'
  | 'INTERNAL';

/** Where in an input a problem sits: a line (1-based) and/or a JSON pointer, in a named source. */
export interface Location {
  readonly source?: string;
  readonly line?: number;
  readonly column?: number;
  readonly pointer?: string;
}

export interface CairnErrorOptions {
  readonly cause?: unknown;
  /** What the user should do next. */
  readonly hint?: string;
  readonly location?: Location;
  readonly details?: unknown;
}

export class CairnError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly location: Location | undefined;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: CairnErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CairnError';
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
    this.details = options.details;
  }
}

export const isCairnError = (e: unknown): e is CairnError => e instanceof CairnError;

/** HTTP status for each code: the only such table. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  USAGE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UPSTREAM: 502,
  TIMEOUT: 504,
};

/** CLI exit code for each code: 1 bad input or not found, 2 usage. */
export const EXIT_CODE: Readonly<Record<ErrorCode, number>> = {
  INVALID_INPUT: 1,
  NOT_FOUND: 1,
  FORBIDDEN: 1,
  UNAUTHORIZED: 1,
  CONFLICT: 1,
  TOO_LARGE: 1,
  RATE_LIMITED: 1,
  TIMEOUT: 1,
  UPSTREAM: 1,
  INTERNAL: 1,
  USAGE: 2,
};

/** Renders a location as `source:line:column` or `source#/pointer`. */
export function formatLocation(loc: Location | undefined): string {
  if (!loc) return '';
  let out = loc.source ?? '';
  if (loc.line !== undefined) out += `${out ? ':' : 'line '}${loc.line}${loc.column !== undefined ? `:${loc.column}` : ''}`;
  if (loc.pointer !== undefined) out += `${out ? ' ' : ''}at ${loc.pointer || '/'}`;
  return out;
}
