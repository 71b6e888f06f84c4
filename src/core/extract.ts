import { extractFromInput, type ExtractResult } from '../extract/index.ts';

export type { ExtractResult };

/**
 * Indicators in a report (text, Markdown, HTML or PDF), without storing anything.
 *
 * @example const { indicators } = await extractReport(bytes, { filename: 'report.pdf' });
 */
export function extractReport(bytes: Uint8Array, hints: { filename?: string; mediaType?: string; keepReferences?: boolean }): Promise<ExtractResult> {
  const { keepReferences, ...rest } = hints;
  return extractFromInput(bytes, rest, { dropReferences: !keepReferences });
}
