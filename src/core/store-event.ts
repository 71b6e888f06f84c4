import { correlateEvents } from '../correlate/index.ts';
import type { Event } from '../model/index.ts';
import { saveEvent, type Executor, type SaveOptions, type SaveResult } from '../storage/index.ts';

/**
 * Stores an event and keeps its correlations current, in the caller's transaction: the one
 * write path for events, whatever they came from (an import, a feed, the API).
 */
export async function storeEvent(tx: Executor, event: Event, options: SaveOptions = {}): Promise<SaveResult> {
  const [r] = await storeEvents(tx, [event], options);
  return r!;
}

/**
 * `storeEvent` for several events in one transaction: each is saved in turn, then the changed
 * ones are correlated together (one pass over the correlation tables instead of one per event).
 */
export async function storeEvents(tx: Executor, events: readonly Event[], options: SaveOptions = {}): Promise<SaveResult[]> {
  const out: SaveResult[] = [];
  for (const e of events) out.push(await saveEvent(tx, e, options));
  const changed = [...new Set(out.filter((r) => r.status !== 'unchanged').map((r) => r.id))];
  if (changed.length) await correlateEvents(tx, changed);
  return out;
}
