export { openDb, migrate, type Db, type DialectName, type OpenOptions, type SqliteHandle, type SqliteStatement } from './db.ts';
export type { Database } from './schema.ts';
export type { Executor } from './executor.ts';
export { chunks } from './executor.ts';
export { saveEvent, deleteEvent, ensureOrg, sightingRow, type SaveOptions, type SaveResult, type SaveStatus } from './event-store.ts';
export { loadEvent, rowToAttribute, type StoredEvent } from './event-read.ts';
export { listEvents, searchAttributes, likeLiteral, type EventFilter, type EventSummary, type AttributeHit } from './event-query.ts';
export { ensureTags, listTags } from './tags.ts';
export { upsertFeed, getFeed, listFeeds, markFeedPulled, eventTimestamps, type FeedRow, type FeedFormat } from './feeds.ts';
