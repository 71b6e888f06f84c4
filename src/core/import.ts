import { CairnError, formatLocation } from '../errors.ts';
import { detectFormat, formatById, type Format, type ParseResult, type Problem } from '../formats/index.ts';
import type { Event } from '../model/index.ts';
import { tagDescriber } from '../correlate/index.ts';
import { storeEvent } from './store-event.ts';
import { freetextToEvent } from './freetext.ts';
import { loadEvent, type Db, type SaveStatus } from '../storage/index.ts';

/** One input to import: its name for messages and its text. */
export interface ImportInput {
  readonly source: string;
  readonly text: string;
}

export interface ImportOptions {
  /** A format id; detected from the content when absent. */
  readonly format?: string;
  /** Unix seconds; defaults to now. */
  readonly now?: number;
  /** Called after each event is stored, for progress display. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ImportedEvent {
  readonly uuid: string;
  readonly info: string;
  readonly status: SaveStatus;
  readonly attributes: number;
  readonly redacted: number;
}

/** What happened to one input: stored (events), or rejected (errors), with warnings either way. */
export interface InputSummary {
  readonly source: string;
  readonly format: string | null;
  readonly events: readonly ImportedEvent[];
  readonly warnings: readonly Problem[];
  /** Non-empty when the input was rejected: then nothing of it was stored. */
  readonly errors: readonly Problem[];
}

export interface ImportSummary {
  readonly inputs: readonly InputSummary[];
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

/**
 * Imports inputs, each in its own transaction: an input that fails part-way stores nothing.
 * Events are matched by uuid: newer ones update, older or equal ones change nothing.
 *
 * @example const s = await importInputs(db, [{ source: 'report.md', text }]);
 */
export async function importInputs(db: Db, inputs: readonly ImportInput[], options: ImportOptions = {}): Promise<ImportSummary> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const results: InputSummary[] = [];
  for (const input of inputs) results.push(await importOne(db, input, options, now));
  return summarize(results);
}

function chooseFormat(input: ImportInput, id: string | undefined): Format {
  if (id) return formatById(id);
  const f = detectFormat(input.text.slice(0, 8192));
  if (!f) {
    throw new CairnError('INVALID_INPUT', `${input.source}: cannot tell the format of this input`, {
      hint: 'name it with --format (see `cairn formats`)',
    });
  }
  return f;
}

async function importOne(db: Db, input: ImportInput, options: ImportOptions, now: number): Promise<InputSummary> {
  let format: Format;
  try {
    format = chooseFormat(input, options.format);
  } catch (e) {
    if (e instanceof CairnError && e.code === 'INVALID_INPUT') return rejectedInput(input.source, null, e);
    throw e;
  }
  if (!format.parse) throw new CairnError('USAGE', `format ${format.id} cannot be imported`, { hint: 'it is an export-only format' });
  let parsed;
  try {
    parsed = format.parse(input.text, { source: input.source, now });
  } catch (e) {
    if (e instanceof CairnError && e.code === 'INVALID_INPUT') return rejectedInput(input.source, format.id, e);
    throw e;
  }
  return storeParsed(db, input.source, format, parsed, options, now);
}

/**
 * Stores what a parser produced, all or nothing: a parse with errors stores nothing, and the
 * events of one input share one transaction.
 */
export async function storeParsed(
  db: Db,
  source: string,
  format: Pick<Format, 'id' | 'serialize'>,
  parsed: ParseResult,
  options: Pick<ImportOptions, 'onProgress'>,
  now: number,
): Promise<InputSummary> {
  if (parsed.errors.length) return { source, format: format.id, events: [], warnings: parsed.warnings, errors: parsed.errors };
  const warnings: Problem[] = [...parsed.warnings, ...(await tagWarnings(db, parsed.events, source))];
  const events: ImportedEvent[] = [];
  await db.kysely.transaction().execute(async (tx) => {
    let done = 0;
    for (const ev of parsed.events) {
      const event = parsed.untimed ? await restamp(tx, ev, format, now) : ev;
      const r = event ? await storeEvent(tx, event, { now, replace: parsed.untimed === true }) : { status: 'unchanged' as const, skipped: [] };
      for (const s of r.skipped) warnings.push({ message: `${s.reason}; skipped`, location: { source } });
      const objectAttrs = ev.objects.reduce((n, o) => n + o.attributes.length, 0);
      events.push({
        uuid: ev.uuid,
        info: ev.info,
        status: r.status,
        attributes: ev.attributes.length + objectAttrs,
        redacted: ev.attributes.filter((a) => a.redacted).length,
      });
      options.onProgress?.(++done, parsed.events.length);
    }
  });
  return { source, format: format.id, events, warnings, errors: [] };
}

/** A warning per machine tag whose namespace no loaded taxonomy knows (none when no taxonomy is loaded). */
async function tagWarnings(db: Db, events: readonly Event[], source: string): Promise<Problem[]> {
  const d = await tagDescriber(db.kysely);
  if (d.loaded === 0) return [];
  const names = new Set(events.flatMap((e) => [...e.tags, ...e.attributes.flatMap((a) => a.tags), ...e.objects.flatMap((o) => o.attributes.flatMap((a) => a.tags))].map((t) => t.name)));
  return [...names]
    .filter((n) => d.describe(n).status === 'unknown-namespace')
    .map((n) => ({ message: `tag "${n}": no loaded taxonomy has the namespace "${n.slice(0, n.indexOf(':'))}"`, location: { source } }));
}

/** Sums per-input results into an import summary. */
export function summarize(results: readonly InputSummary[]): ImportSummary {
  const all = results.flatMap((r) => r.events);
  return {
    inputs: results,
    created: all.filter((e) => e.status === 'created').length,
    updated: all.filter((e) => e.status === 'updated').length,
    unchanged: all.filter((e) => e.status === 'unchanged').length,
    rejected: results.filter((r) => r.errors.length > 0).length,
  };
}

/**
 * For formats without timestamps: an event whose stored rendering is the same is unchanged
 * (undefined); a changed one gets a timestamp newer than the stored copy.
 */
async function restamp(tx: Db['kysely'], ev: Event, format: Pick<Format, 'serialize'>, now: number): Promise<Event | undefined> {
  const stored = await loadEvent(tx, ev.uuid);
  if (!stored) return ev;
  if (format.serialize && format.serialize([stored]) === format.serialize([ev])) return undefined;
  const timestamp = Math.max(now, stored.timestamp + 1);
  return { ...ev, timestamp, attributes: ev.attributes.map((a) => ({ ...a, timestamp })) };
}

function rejectedInput(source: string, format: string | null, e: CairnError): InputSummary {
  const location = e.location ?? { source };
  const message = e.hint ? `${e.message} (${e.hint})` : e.message;
  return { source, format, events: [], warnings: [], errors: [{ message, location }] };
}

/** One line per problem: `source:line: message`. */
export const describeProblem = (p: Problem): string => {
  const where = formatLocation(p.location);
  return where ? `${where}: ${p.message}` : p.message;
};

export interface FreetextInput {
  readonly source: string;
  readonly bytes: Uint8Array;
  /** e.g. `application/pdf`; otherwise the file name's extension, then the bytes, decide. */
  readonly mediaType?: string;
}

/**
 * Imports reports as free text (text, Markdown, HTML, PDF): one event per input holding the
 * indicators the extractor finds. Importing the same document again changes nothing.
 */
export async function importFreetext(
  db: Db,
  inputs: readonly FreetextInput[],
  options: ImportOptions & { info?: string; keepReferences?: boolean } = {},
): Promise<ImportSummary> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const results: InputSummary[] = [];
  for (const input of inputs) {
    let parsed: ParseResult;
    try {
      parsed = await freetextToEvent(input.bytes, {
        source: input.source,
        filename: input.source,
        now,
        ...(input.mediaType ? { mediaType: input.mediaType } : {}),
        ...(options.info ? { info: options.info } : {}),
        ...(options.keepReferences ? { keepReferences: true } : {}),
      });
    } catch (e) {
      if (e instanceof CairnError && e.code === 'INVALID_INPUT') {
        results.push(rejectedInput(input.source, 'freetext', e));
        continue;
      }
      throw e;
    }
    results.push(await storeParsed(db, input.source, FREETEXT_FORMAT, parsed, options, now));
  }
  return summarize(results);
}

/** Free-text events compare by their indicators: same values, same event. */
const FREETEXT_FORMAT = {
  id: 'freetext',
  serialize: (events: readonly Event[]) =>
    events.map((e) => e.attributes.filter((a) => !a.deleted).map((a) => `${a.type}\t${a.value}`).sort().join('\n')).join('\n\n'),
};
