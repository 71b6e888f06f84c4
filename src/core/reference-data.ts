/**
 * MISP's reference data (warninglists, taxonomies, galaxies): loaded from a directory, or
 * downloaded on request from MISP's public repositories. Nothing here runs unless asked.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  ClusterFileSchema,
  TaxonomySchema,
  WarninglistSchema,
  saveClusterFile,
  saveTaxonomies,
  saveWarninglists,
  untarGz,
  type ClusterFile,
  type Taxonomy,
  type Warninglist,
} from '../correlate/index.ts';
import { CairnError } from '../errors.ts';
import type { Problem } from '../formats/index.ts';
import type { Db } from '../storage/index.ts';

export type ReferenceKind = 'warninglists' | 'taxonomies' | 'galaxies';

/** MISP's public repositories, as GitHub tarballs of their default branch. */
export const MISP_SOURCES: Readonly<Record<ReferenceKind, string>> = {
  warninglists: 'https://codeload.github.com/MISP/misp-warninglists/tar.gz/refs/heads/main',
  taxonomies: 'https://codeload.github.com/MISP/misp-taxonomies/tar.gz/refs/heads/main',
  galaxies: 'https://codeload.github.com/MISP/misp-galaxy/tar.gz/refs/heads/main',
};

export interface DownloadOptions {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** For tests: a fetch to use instead of the platform's. */
  readonly fetch?: typeof fetch;
}

export interface LoadSummary {
  readonly kind: ReferenceKind;
  readonly source: string;
  readonly loaded: number;
  readonly problems: readonly Problem[];
}

/** `[path, text]` of the files under `dir` (recursively) whose relative path passes `wanted`. */
async function readTree(dir: string, wanted: (rel: string) => boolean): Promise<[string, string][]> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
  } catch (e) {
    throw new CairnError('NOT_FOUND', `cannot read the directory ${dir}`, { cause: e, hint: 'give a directory holding MISP list.json, machinetag.json or cluster files' });
  }
  const out: [string, string][] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath, e.name);
    const rel = relative(dir, full).split('\\').join('/');
    if (wanted(rel)) out.push([rel, await readFile(full, 'utf8')]);
  }
  return out.sort(([a], [b]) => a.localeCompare(b));
}

const WANTED: Readonly<Record<ReferenceKind, (rel: string) => boolean>> = {
  warninglists: (p) => /(^|\/)list\.json$/.test(p),
  taxonomies: (p) => /(^|\/)machinetag\.json$/.test(p),
  galaxies: (p) => /(^|\/)(clusters|galaxies)\/[^/]+\.json$/.test(p),
};

function parseJson(source: string, text: string, problems: Problem[]): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    problems.push({ message: `not JSON: ${(e as Error).message}`, location: { source } });
    return undefined;
  }
}

async function store(db: Db, kind: ReferenceKind, files: readonly [string, string][], source: string, origin: 'directory' | 'misp'): Promise<LoadSummary> {
  const problems: Problem[] = [];
  const bad = (path: string, message: string) => problems.push({ message, location: { source: path } });
  let loaded: number;
  if (kind === 'warninglists') {
    const lists: Warninglist[] = [];
    for (const [path, text] of files) {
      const r = WarninglistSchema.safeParse(parseJson(path, text, problems));
      if (r.success) lists.push(r.data);
      else bad(path, `not a MISP warninglist: ${r.error.issues[0]?.message ?? 'invalid'}`);
    }
    loaded = await db.kysely.transaction().execute((tx) => saveWarninglists(tx, lists, origin));
  } else if (kind === 'taxonomies') {
    const ts: Taxonomy[] = [];
    const raw: unknown[] = [];
    for (const [path, text] of files) {
      const json = parseJson(path, text, problems);
      const r = TaxonomySchema.safeParse(json);
      if (r.success) {
        ts.push(r.data);
        raw.push(json);
      } else bad(path, `not a MISP taxonomy: ${r.error.issues[0]?.message ?? 'invalid'}`);
    }
    loaded = await db.kysely.transaction().execute((tx) => saveTaxonomies(tx, ts, raw));
  } else {
    const galaxies = new Map<string, { name: string; description?: string }>();
    for (const [path, text] of files.filter(([p]) => /(^|\/)galaxies\//.test(p))) {
      const g = parseJson(path, text, problems) as { type?: string; name?: string; description?: string } | undefined;
      if (g?.type && g.name) galaxies.set(g.type, { name: g.name, ...(g.description ? { description: g.description } : {}) });
    }
    const clusters: ClusterFile[] = [];
    for (const [path, text] of files.filter(([p]) => /(^|\/)clusters\//.test(p))) {
      const r = ClusterFileSchema.safeParse(parseJson(path, text, problems));
      if (r.success) clusters.push(r.data);
      else bad(path, `not a MISP galaxy cluster file: ${r.error.issues[0]?.message ?? 'invalid'}`);
    }
    loaded = await db.kysely.transaction().execute(async (tx) => {
      let n = 0;
      for (const c of clusters) n += await saveClusterFile(tx, c, galaxies.get(c.type));
      return n;
    });
  }
  return { kind, source, loaded, problems };
}

/**
 * Loads MISP-format reference data from a directory (a checkout of MISP's repository, or any
 * folder of its files).
 *
 * @example await loadReferenceDir(db, 'warninglists', './misp-warninglists/lists')
 */
export async function loadReferenceDir(db: Db, kind: ReferenceKind, dir: string): Promise<LoadSummary> {
  const files = await readTree(dir, WANTED[kind]);
  if (!files.length) {
    throw new CairnError('INVALID_INPUT', `${dir} holds no MISP ${kind} files`, {
      hint: kind === 'warninglists' ? 'expected <name>/list.json files' : kind === 'taxonomies' ? 'expected <namespace>/machinetag.json files' : 'expected clusters/*.json (and galaxies/*.json)',
    });
  }
  return store(db, kind, files, dir, 'directory');
}

/** Downloads MISP's repository over https (with a timeout and a size cap) and loads it. */
export async function updateReference(db: Db, kind: ReferenceKind, options: DownloadOptions = {}): Promise<LoadSummary> {
  const url = MISP_SOURCES[kind];
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  const gz = await download(url, options.timeoutMs ?? 60_000, maxBytes, options.fetch ?? fetch);
  const wanted = WANTED[kind];
  // Strip the archive's top folder (misp-warninglists-main/...).
  const files = [...untarGz(gz, (p) => wanted(p.slice(p.indexOf('/') + 1)), maxBytes)].map(([p, b]) => [p.slice(p.indexOf('/') + 1), b.toString('utf8')] as [string, string]);
  if (!files.length) throw new CairnError('UPSTREAM', `${url} held no ${kind} files`, { hint: 'the repository layout may have changed; load a directory instead' });
  return store(db, kind, files, url, 'misp');
}

async function download(url: string, timeoutMs: number, maxBytes: number, fetcher: typeof fetch): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetcher(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (e) {
    throw new CairnError('UPSTREAM', `cannot download ${url}: ${(e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : 'the network is unreachable'}`, {
      cause: e,
      hint: 'check the network (or a proxy), or download the repository elsewhere and use the `load DIR` command',
    });
  }
  if (!res.ok || !res.body) throw new CairnError('UPSTREAM', `${url} answered HTTP ${res.status}`, { hint: 'try again later, or use the `load DIR` command' });
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new CairnError('TOO_LARGE', `${url} is larger than ${maxBytes} bytes`, { hint: 'download it elsewhere and use the `load DIR` command' });
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}
