import { correlateEvent } from '../correlate/index.ts';
import type { Event } from '../model/index.ts';
import { saveEvent, type Executor, type SaveOptions, type SaveResult } from '../storage/index.ts';

/**
 * Stores an event and keeps its correlations current, in the caller's transaction: the one
 * write path for events, whatever they came from (an import, a feed, the API).
 */
export async function storeEvent(tx: Executor, event: Event, options: SaveOptions = {}): Promise<SaveResult> {
  const r = await saveEvent(tx, event, options);
  if (r.status !== 'unchanged') await correlateEvent(tx, r.id);
  return r;
}
