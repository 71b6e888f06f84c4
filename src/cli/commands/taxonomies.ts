import { defineCommand } from 'citty';
import { describedTags, searchGalaxies } from '../../core/knowledge.ts';
import { commonArgs, print, printJson, table, withDb } from '../shared.ts';
import { referenceCommands } from './reference.ts';

export const taxonomiesCommand = defineCommand({
  meta: { name: 'taxonomies', description: 'Taxonomies (tlp, PAP, osint, ...): load DIR, update' },
  subCommands: { ...referenceCommands('taxonomies') },
});

export const tagsCommand = defineCommand({
  meta: { name: 'tags', description: 'Tags in use, with their taxonomy description' },
  args: { ...commonArgs },
  async run({ args }) {
    const tags = await withDb(args, (db) => describedTags(db));
    if (args.json) return printJson(tags);
    if (!tags.length) return print('no tags');
    const note = (s: string) => (s === 'unknown-namespace' ? '(unknown namespace)' : s === 'unknown-value' ? '(not in its taxonomy)' : '');
    print(table(['tag', 'events', 'attributes', 'description'], tags.map((t) => [t.name, String(t.events), String(t.attributes), t.description ?? note(t.status)])));
  },
});

const search = defineCommand({
  meta: { name: 'search', description: 'Galaxy clusters known by a name or synonym, with the events that carry them' },
  args: { ...commonArgs, name: { type: 'positional', description: 'a cluster name or synonym, e.g. KONNI', required: true } },
  async run({ args }) {
    const found = await withDb(args, (db) => searchGalaxies(db, args.name));
    if (args.json) return printJson(found);
    if (!found.length) return print(`no galaxy cluster is known as ${JSON.stringify(args.name)} (load some with \`cairn galaxies load DIR\`)`);
    for (const c of found) {
      print(`${c.tagName}  ${c.galaxy ?? c.galaxyType}  ${c.uuid}`);
      if (c.synonyms.length) print(`  synonyms: ${c.synonyms.join(', ')}`);
      if (c.description) print(`  ${c.description.slice(0, 200)}`);
      for (const e of c.events) print(`  event ${e.uuid}  ${e.date}  ${e.info}`);
    }
  },
});

export const galaxiesCommand = defineCommand({
  meta: { name: 'galaxies', description: 'Galaxies (threat actors, tools, malware): search NAME, load DIR, update' },
  subCommands: { search, ...referenceCommands('galaxies') },
});
