import { CairnError } from '../errors.ts';
import { listFeeds, upsertFeed, type Db, type FeedFormat, type FeedRow } from '../storage/index.ts';
import { isUrl } from './feed-source.ts';

export { listFeeds };

export interface AddFeedInput {
  readonly name: string;
  readonly url: string;
  readonly format?: string;
  /** Allow private, loopback and link-local destinations (an internal feed server). */
  readonly allowPrivate?: boolean;
  /** CSV: the 1-based columns holding values, e.g. "1,3". */
  readonly columns?: string;
}

const FORMATS: readonly FeedFormat[] = ['misp', 'freetext', 'csv'];

/** Adds (or redefines) a feed. The format defaults to misp for a directory or a URL without a file extension. */
export async function addFeed(db: Db, input: AddFeedInput, now = Math.floor(Date.now() / 1000)): Promise<FeedRow> {
  if (!/^[\w.-]{1,100}$/.test(input.name)) throw new CairnError('USAGE', `feed name "${input.name}" must be letters, digits, ".", "_" or "-"`);
  const format = (input.format ?? (/\.(csv)$/i.test(input.url) ? 'csv' : /\.(txt|list)$/i.test(input.url) ? 'freetext' : 'misp')) as FeedFormat;
  if (!FORMATS.includes(format)) throw new CairnError('USAGE', `unknown feed format "${input.format}"`, { hint: `choose ${FORMATS.join(', ')}` });
  if (!isUrl(input.url) && /^[a-z]+:\/\//i.test(input.url)) throw new CairnError('USAGE', `${input.url}: only http(s) URLs or local paths`);
  const columns = input.columns ? input.columns.split(',').map((c) => Number(c.trim())) : undefined;
  if (columns && columns.some((c) => !Number.isInteger(c) || c < 1)) throw new CairnError('USAGE', `--columns takes 1-based column numbers, e.g. 1,3`);
  return upsertFeed(db.kysely, { name: input.name, url: input.url, format, allowPrivate: Boolean(input.allowPrivate), options: columns ? { columns } : {} }, now);
}
