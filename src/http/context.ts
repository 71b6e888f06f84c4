import type { Db } from '../storage/index.ts';
import type { HttpLimits } from './deps.ts';
import type { Guard } from './guard.ts';
import type { MispEventCodec } from './routes/misp/misp-codec.ts';

/** What every route factory receives from createApp. */
export interface RouteContext {
  readonly db: Db;
  readonly guard: Guard;
  readonly limits: HttpLimits;
  readonly codec: MispEventCodec;
  readonly version: string;
  /** Warninglist matching for enforceWarninglist (from src/correlate once it lands); none means nothing is filtered. */
  readonly warninglists?: { hits(type: string, value: string): boolean };
}
