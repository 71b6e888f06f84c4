import { CairnError } from '../errors.ts';
import type { Format } from './format.ts';
import { mispJson } from './misp-json/index.ts';
import { threatReport } from './threat-report/index.ts';

export type { Format, ParseContext, ParseResult, Problem, SerializeContext } from './format.ts';

/** Every format Cairn reads or writes. Add a format here, nowhere else. */
export const FORMATS: readonly Format[] = [threatReport, mispJson];

/** The format with this id, or a usage error listing the known ones. */
export function formatById(id: string): Format {
  const f = FORMATS.find((x) => x.id === id);
  if (!f) throw new CairnError('USAGE', `unknown format "${id}"`, { hint: `known formats: ${FORMATS.map((x) => x.id).join(', ')}` });
  return f;
}

/** The most confident parser for an input's first bytes, or undefined. */
export function detectFormat(head: string): Format | undefined {
  let best: Format | undefined;
  let score = 0;
  for (const f of FORMATS) {
    if (!f.parse) continue;
    const s = f.detect(head);
    if (s > score) {
      score = s;
      best = f;
    }
  }
  return score >= 0.5 ? best : undefined;
}
