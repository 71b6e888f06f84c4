import type { Format } from '../format.ts';
import { parseMispJson } from './parse.ts';
import { serializeMispJson } from './serialize.ts';

export { eventsFromDocument, locateEvents, parseMispJson } from './parse.ts';
export { serializeMispJson, toMispEvent, type MispJsonOptions } from './serialize.ts';

/** How sure we are that the start of an input is MISP event JSON. */
function detect(head: string): number {
  const h = head.trimStart();
  if (!h.startsWith('{') && !h.startsWith('[')) return 0;
  if (/"Event"\s*:\s*\{/.test(h)) return 0.95;
  if (/"response"\s*:/.test(h) && /"(info|Attribute|threat_level_id)"\s*:/.test(h)) return 0.9;
  if (/"threat_level_id"\s*:/.test(h) || (/"info"\s*:/.test(h) && /"Attribute"\s*:/.test(h))) return 0.8;
  // A bare event may start with a long attribute list: MISP attribute fields are enough.
  if (/"(Attribute|Object)"\s*:\s*\[/.test(h) && /"category"\s*:/.test(h) && /"to_ids"\s*:/.test(h)) return 0.7;
  return 0;
}

/** MISP event JSON, REST API and feed forms, in any envelope MISP produces. */
export const mispJson: Format = {
  id: 'misp-json',
  description: 'MISP event JSON (REST API /events/view and feed {uuid}.json forms)',
  mediaTypes: ['application/json'],
  extensions: ['.json'],
  detect,
  parse: parseMispJson,
  serialize: (events) => serializeMispJson(events),
};
