import type { Format } from '../format.ts';
import { parseThreatReport, TITLE_PREFIX } from './parse.ts';
import { renderThreatReport } from './render.ts';

export { parseThreatReport, renderThreatReport };

/** Cairn's markdown threat report: one event, indicators grouped by MISP category. */
export const threatReport: Format = {
  id: 'threat-report',
  description: 'Markdown threat report: title, key intelligence, IOCs grouped by MISP category',
  mediaTypes: ['text/markdown'],
  extensions: ['.md', '.txt'],
  detect: (head) => (head.trimStart().startsWith(TITLE_PREFIX) ? 1 : 0),
  parse: parseThreatReport,
  serialize: (events) => events.map(renderThreatReport).join('\n'),
};
