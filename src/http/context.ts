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
  /** The enabled warninglists (src/correlate), for enforceWarninglist; loaded on first use, refreshed each minute. */
  readonly warninglists: () => Promise<{ hits(type: string, value: string): boolean }>;
}
