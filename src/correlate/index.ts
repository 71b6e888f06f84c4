export { correlateEvent, correlateEvents, uncorrelateEvent, uncorrelateEvents, rebuildCorrelations, type CorrelateResult } from './correlate-event.ts';
export { correlationKeys, valueKey, keyToDisplay, type NetEntry } from './keys.ts';
export {
  relatedEvents,
  topCorrelations,
  overCorrelatingValues,
  eventsWithValue,
  DEFAULT_OVER_CORRELATION,
  type CorrelationOptions,
  type RelatedEvent,
  type SharedValue,
  type AttributeRef,
  type EventRef,
  type ValueCount,
  type ValueHolder,
} from './related.ts';
