import type { Db } from '../storage/index.ts';
import type { MispEventCodec } from './routes/misp/misp-codec.ts';

/** Server limits; every one has a default. */
export interface HttpLimits {
  /** Largest request body, bytes. */
  readonly maxBodyBytes: number;
  /** Requests per API key per minute. */
  readonly requestsPerMinute: number;
  /** Largest page size of list and search routes. */
  readonly maxPageSize: number;
  /** Milliseconds before a request fails with TIMEOUT. */
  readonly timeoutMs: number;
  /** Seconds an authenticated key stays cached (revocation takes effect within this). */
  readonly authCacheSeconds: number;
}

export const DEFAULT_LIMITS: HttpLimits = Object.freeze({
  maxBodyBytes: 20 * 1024 * 1024,
  requestsPerMinute: 6000,
  maxPageSize: 10_000,
  timeoutMs: 30_000,
  authCacheSeconds: 5,
});

/** What createApp needs: the database, limits, a logger, and the MISP JSON codec. */
export interface AppDeps {
  readonly db: Db;
  readonly limits?: Partial<HttpLimits>;
  /** MISP.unpublishedprivate: unpublished events stay within their organisation (default true). */
  readonly unpublishedPrivate?: boolean;
  readonly log?: (line: string) => void;
  readonly codec?: MispEventCodec;
  readonly version?: string;
}
