import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toMispEvent } from '../formats/misp-json/index.ts';
import type { Attribute, Event, MispObject } from '../model/index.ts';
import { loadEvent, type Db } from '../storage/index.ts';

export interface PublishSummary {
  readonly dir: string;
  readonly events: number;
  readonly attributes: number;
  /** Events stored but not written: not distribution "all", or not published. */
  readonly withheld: number;
}

/** Distribution levels an item of a published event may carry to go into a public feed: all, or inherit. */
const PUBLIC = new Set([3, 5]);
const shareable = (a: Attribute) => !a.deleted && !a.redacted && PUBLIC.has(a.distribution);

/**
 * What of an event goes into a public feed: only events with distribution 3 ("all") that are
 * published, as MISP feeds carry; inside them, only non-deleted items whose own distribution
 * is "all" or "inherit"; redacted placeholders never.
 */
export function feedView(ev: Event): Event | undefined {
  if (ev.distribution !== 3 || !ev.published) return undefined;
  const objects: MispObject[] = ev.objects
    .filter((o) => !o.deleted && PUBLIC.has(o.distribution))
    .map((o) => ({ ...o, attributes: o.attributes.filter(shareable) }))
    .filter((o) => o.attributes.length > 0);
  const kept = new Set([...ev.attributes.filter(shareable).map((a) => a.uuid), ...objects.flatMap((o) => [o.uuid, ...o.attributes.map((a) => a.uuid)])]);
  return {
    ...ev,
    attributes: ev.attributes.filter(shareable),
    objects: objects.map((o) => ({ ...o, references: o.references.filter((r) => !r.deleted && kept.has(r.referencedUuid)) })),
    reports: ev.reports.filter((r) => !r.deleted && PUBLIC.has(r.distribution)),
    proposals: [],
  };
}

/** MISP's hashes.csv rows for an attribute: md5 of the value, of each part for composite types. */
function hashes(a: Attribute): string[] {
  const parts = a.type.includes('|') || a.type === 'malware-sample' ? a.value.split('|') : [a.value];
  return parts.map((p) => createHash('md5').update(p, 'utf8').digest('hex'));
}

/**
 * Writes Cairn's shareable events as a MISP feed in `dir`: one `{uuid}.json` per event
 * (`{"Event": ...}` in feed form), `manifest.json` (uuid → Orgc, Tag, info, date, analysis,
 * threat_level_id, timestamp) and `hashes.csv` (`md5,event uuid` per value), as MISP and
 * PyMISP write them. Files are written under temporary names and renamed, so a consumer
 * never reads half a file.
 *
 * @example await publishFeed(db, './public-feed');
 */
export async function publishFeed(db: Db, dir: string): Promise<PublishSummary> {
  await mkdir(dir, { recursive: true });
  const rows = await db.kysely.selectFrom('events').select('id').where('distribution', '=', 3).where('published', '=', 1).orderBy('id').execute();
  const total = await db.kysely.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const manifest: Record<string, unknown> = {};
  const csv: string[] = [];
  let attributes = 0;
  for (const { id } of rows) {
    const stored = await loadEvent(db.kysely, id);
    const ev = stored && feedView(stored);
    if (!ev) continue;
    const body = toMispEvent(ev, { form: 'feed' });
    await writeAtomic(join(dir, `${ev.uuid}.json`), JSON.stringify({ Event: body }));
    manifest[ev.uuid] = {
      Orgc: body['Orgc'] ?? {},
      Tag: ((body['Tag'] as { name: string; colour?: string }[]) ?? []).map((t) => ({ name: t.name, colour: t.colour ?? '' })),
      info: ev.info,
      date: ev.date,
      analysis: ev.analysis,
      threat_level_id: ev.threatLevel,
      timestamp: ev.timestamp,
    };
    for (const a of [...ev.attributes, ...ev.objects.flatMap((o) => o.attributes)]) {
      attributes++;
      for (const h of hashes(a)) csv.push(`${h},${ev.uuid}`);
    }
  }
  await writeAtomic(join(dir, 'hashes.csv'), csv.length ? `${csv.join('\n')}\n` : '');
  await writeAtomic(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const events = Object.keys(manifest).length;
  return { dir, events, attributes, withheld: Number(total.n) - events };
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
