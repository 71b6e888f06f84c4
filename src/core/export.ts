import { CairnError } from '../errors.ts';
import { formatById } from '../formats/index.ts';
import type { Event } from '../model/index.ts';
import { listEvents, type Db } from '../storage/index.ts';
import { getEvent } from './events.ts';

export interface ExportOptions {
  /** A format id from the formats registry (`cairn formats`). */
  readonly format: string;
  /** Event uuids or ids; every event when empty. */
  readonly keys?: readonly string[];
}

/**
 * Renders stored events in any format of the registry that can write.
 *
 * @example process.stdout.write(await exportEvents(db, { format: 'misp-json', keys: [uuid] }));
 */
export async function exportEvents(db: Db, options: ExportOptions): Promise<string> {
  const format = formatById(options.format);
  if (!format.serialize) throw new CairnError('USAGE', `format ${format.id} cannot be exported`, { hint: 'see `cairn formats` for the formats that export' });
  const keys = options.keys?.length ? options.keys : (await listEvents(db.kysely, { limit: Number.MAX_SAFE_INTEGER })).map((e) => e.uuid);
  const events: Event[] = [];
  for (const key of keys) {
    const { id: _id, ...ev } = await getEvent(db, key);
    events.push(ev);
  }
  const text = format.serialize(events);
  return text.endsWith('\n') ? text : `${text}\n`;
}
