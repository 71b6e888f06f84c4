import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CairnError } from '../errors.ts';
import { createFetcher, DEFAULT_FETCH_POLICY, type FetchPolicy } from '../net/fetch-policy.ts';

/** Where a feed's files come from: an http(s) URL or a local directory (or file). */
export interface FeedSource {
  /** Reads a file of the feed, by path relative to the feed root ('' for the root itself). */
  read(path: string, accept: readonly string[]): Promise<Buffer>;
  /** For messages. */
  describe(path: string): string;
  close(): void;
}

export const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/**
 * A feed source under the outbound HTTP policy (for URLs) or the same size cap (for files).
 * `policy` overrides the defaults, e.g. a smaller cap in tests.
 */
export function openFeedSource(feed: { name: string; url: string; allowPrivate: boolean }, policy: Partial<FetchPolicy> = {}): FeedSource {
  const privateHost = isUrl(feed.url) ? new URL(feed.url).hostname.replace(/^\[|\]$/g, '') : undefined;
  const full: FetchPolicy = { ...DEFAULT_FETCH_POLICY, allowPrivate: feed.allowPrivate, ...(privateHost ? { privateHost } : {}), label: `feed ${feed.name}`, ...policy };
  if (isUrl(feed.url)) {
    const base = feed.url.endsWith('/') || !/\.[a-z]+$/i.test(feed.url) ? feed.url.replace(/\/?$/, '/') : feed.url;
    const fetcher = createFetcher(full);
    const urlOf = (path: string) => (path ? new URL(path, base).toString() : feed.url);
    return {
      read: async (path, accept) => (await fetcher.get(urlOf(path), accept)).body,
      describe: urlOf,
      close: () => fetcher.close(),
    };
  }
  const root = resolve(feed.url);
  const pathOf = (path: string) => (path ? join(root, path) : root);
  return {
    async read(path) {
      const p = pathOf(path);
      try {
        const s = await stat(p);
        if (s.size > full.maxBytes) throw new CairnError('TOO_LARGE', `${full.label}: ${p}: ${s.size} bytes, over the ${full.maxBytes}-byte cap`);
        return await readFile(p);
      } catch (e) {
        if (e instanceof CairnError) throw e;
        throw new CairnError('NOT_FOUND', `${full.label}: ${p}: ${(e as Error).message}`, { cause: e });
      }
    },
    describe: pathOf,
    close: () => undefined,
  };
}
