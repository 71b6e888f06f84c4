import type { Attribute, Event } from '../../../model/index.ts';
import type { RelatedEvent } from '../../../core/related.ts';

/** Numeric ids MISP's JSON carries and Cairn's model does not: looked up per response. */
export interface MispIds {
  readonly eventId: number;
  readonly orgs: ReadonlyMap<string, { readonly id: number; readonly name: string; readonly uuid: string; readonly local: boolean }>;
  readonly attributes: ReadonlyMap<string, number>;
  readonly objects: ReadonlyMap<string, number>;
  readonly tags: ReadonlyMap<string, number>;
  readonly sharingGroups: ReadonlyMap<string, number>;
  /** Events related by correlation, already filtered by what the viewer may see. */
  readonly related?: readonly RelatedEventRef[];
  readonly attributeCount?: number;
}

export interface RelatedEventRef extends RelatedEvent {
  readonly org?: { readonly id: number; readonly name: string; readonly uuid: string };
  readonly orgc?: { readonly id: number; readonly name: string; readonly uuid: string };
}

/**
 * MISP's JSON for events and attributes, as the API speaks it (snake_case, ids as strings,
 * `{"Event": ...}` envelopes). The MISP JSON format of src/formats/misp-json implements the
 * wire shape; this interface is what the MISP routes need of it, plus the numeric ids.
 */
export interface MispEventCodec {
  /** An event from `{"Event": {...}}` or a bare event object, over `base` for fields it omits. Throws INVALID_INPUT. */
  parseEvent(json: unknown, base: Event): Event;
  /** An attribute from `{"Attribute": {...}}` or a bare attribute object, over `base`. Throws INVALID_INPUT. */
  parseAttribute(json: unknown, base: Attribute): Attribute;
  /** `{"Event": {...}}` */
  eventToMisp(event: Event, ids: MispIds): Record<string, unknown>;
  /** The bare attribute object (with `Tag` and `Sighting` lists). */
  attributeToMisp(attribute: Attribute, ids: MispIds, objectUuid?: string | null): Record<string, unknown>;
}
