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
  type RelatedOptions,
  type OtherRef,
  type SharedValue,
  type AttributeRef,
  type EventRef,
  type ValueCount,
  type ValueHolder,
} from './related.ts';
export { compileWarninglists, unsafeRegex, WarninglistSchema, WARNINGLIST_TYPES, type Warninglist, type WarninglistHit, type WarninglistMatcher, type WarninglistType } from './warninglist.ts';
export { BUILTIN_WARNINGLISTS } from './warninglist-builtin.ts';
export { saveWarninglists, listWarninglists, setWarninglistEnabled, warninglistMatcher, type WarninglistInfo } from './warninglist-store.ts';
export { TaxonomySchema, parseMachineTag, saveTaxonomies, tagDescriber, listTaxonomies, taxonomyTagNames, type Taxonomy, type TagDescription, type TaxonomyInfo } from './taxonomy.ts';
export { ClusterFileSchema, clusterTag, saveClusterFile, findClusters, eventClusters, eventsWithCluster, type ClusterFile, type GalaxyCluster } from './galaxy.ts';
export { untarGz } from './_tarball.ts';
