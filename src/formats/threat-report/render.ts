import { THREAT_LEVELS, type Attribute, type Event } from '../../model/index.ts';
import { COMMENT_SEP, IOC_HEADING, KEY_HEADING, TITLE_PREFIX } from './parse.ts';

/**
 * Renders an event as a threat report. Attributes are grouped under their categories in the
 * order the categories first appear; object attributes join their categories; deleted ones are left out.
 */
export function renderThreatReport(event: Event): string {
  const out: string[] = [];
  out.push(`${TITLE_PREFIX}${event.date}: ${oneLine(event.info)}`, '', '', KEY_HEADING);
  out.push(`* Date: ${event.date}`);
  out.push(`* Threat Level: ${event.threatLevel} (${THREAT_LEVELS[event.threatLevel] ?? 'Undefined'})`);
  if (event.tags.length) out.push(`* Tags: ${event.tags.map((t) => oneLine(t.name)).join(', ')}`);
  out.push('', '---', '', IOC_HEADING);
  const groups = new Map<string, Attribute[]>();
  const all = [...event.attributes, ...event.objects.filter((o) => !o.deleted).flatMap((o) => o.attributes)];
  for (const a of all) {
    if (a.deleted) continue;
    const g = groups.get(a.category);
    if (g) g.push(a);
    else groups.set(a.category, [a]);
  }
  let first = true;
  for (const [category, attrs] of groups) {
    if (!first) out.push('');
    first = false;
    out.push(`### ${category}`);
    for (const a of attrs) out.push(`* ${a.type}: ${a.value}${a.comment ? COMMENT_SEP + oneLine(a.comment) : ''}`);
  }
  return out.join('\n') + '\n';
}

/** Titles, tags and comments must stay on their line: a newline would forge report structure. */
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');
