import { defineCommand } from 'citty';
import { describeProblem } from '../../core/import.ts';
import { pullFeeds } from '../../core/feed-pull.ts';
import { publishFeed } from '../../core/feed-publish.ts';
import { addFeed, listFeeds } from '../../core/feeds.ts';
import { commonArgs, configFrom, print, printJson, progress, table, withDb } from '../shared.ts';

const add = defineCommand({
  meta: { name: 'add', description: 'Add a feed: a MISP feed (URL or directory with manifest.json), or a freetext / CSV list' },
  args: {
    ...commonArgs,
    name: { type: 'positional', description: 'a short name', required: true },
    url: { type: 'positional', description: 'http(s) URL or local directory / file', required: true },
    format: { type: 'string', description: 'misp | freetext | csv (default: misp, or from the file extension)' },
    columns: { type: 'string', description: 'CSV: the 1-based columns holding values, e.g. 1,3' },
    'allow-private': { type: 'boolean', description: 'allow private, loopback and link-local addresses (an internal server)' },
  },
  async run({ args }) {
    const f = await withDb(args, (db) => addFeed(db, { name: args.name, url: args.url, ...(args.format ? { format: args.format } : {}), ...(args.columns ? { columns: args.columns } : {}), allowPrivate: Boolean(args['allow-private']) }));
    if (args.json) printJson(f);
    else print(`feed ${f.name} (${f.format}) ${f.url}`);
  },
});

const pull = defineCommand({
  meta: { name: 'pull', description: 'Pull every feed, or the named one: only events newer than the stored copy are fetched' },
  args: { ...commonArgs, name: { type: 'positional', description: 'feed name (all feeds when absent)', required: false }, concurrency: { type: 'string', description: 'events fetched at once (default 8)' } },
  async run({ args }) {
    const config = configFrom(args);
    const bar = progress('pulling', config.interactive);
    const summaries = await withDb(args, (db) =>
      pullFeeds(db, args.name || undefined, { ...(args.concurrency ? { concurrency: Number(args.concurrency) } : {}), onProgress: (d, t) => bar.update(d, t) }),
    ).finally(() => bar.end());
    if (args.json) printJson(summaries);
    else {
      for (const s of summaries) {
        print(`${s.feed}: ${s.listed} listed, ${s.fetched} fetched, ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.attributes} attributes written, ${s.failed.length} failed`);
        for (const p of s.failed.slice(0, 20)) print(`  error: ${describeProblem(p)}`);
      }
    }
    if (summaries.some((s) => s.failed.length && s.format === 'misp')) process.exitCode = 1;
  },
});

const publish = defineCommand({
  meta: { name: 'publish', description: 'Write shareable events (distribution "all", published) as a MISP feed in DIR' },
  args: { ...commonArgs, dir: { type: 'positional', description: 'output directory', required: true } },
  async run({ args }) {
    const s = await withDb(args, (db) => publishFeed(db, args.dir));
    if (args.json) printJson(s);
    else print(`wrote ${s.events} events (${s.attributes} attributes) to ${s.dir}; ${s.withheld} withheld (not distribution "all" or not published)`);
  },
});

const list = defineCommand({
  meta: { name: 'list', description: 'List feeds' },
  args: { ...commonArgs },
  async run({ args }) {
    const feeds = await withDb(args, (db) => listFeeds(db.kysely));
    if (args.json) return printJson(feeds);
    print(table(['name', 'format', 'url', 'last pulled'], feeds.map((f) => [f.name, f.format, f.url, f.lastPulled ? new Date(f.lastPulled * 1000).toISOString() : 'never'])));
  },
});

export const feedCommand = defineCommand({
  meta: { name: 'feed', description: 'MISP, freetext and CSV feeds: add, pull, publish, list' },
  subCommands: { add, pull, publish, list },
});
