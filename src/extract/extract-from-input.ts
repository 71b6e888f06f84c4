import { extractIocs } from './extract-iocs.ts';
import { textFromHtml } from './text-from-html.ts';
import { textFromPdf } from './text-from-pdf.ts';
import type { ExtractOptions, Indicator } from './types.ts';

export type InputFormat = 'text' | 'markdown' | 'html' | 'pdf';

export interface InputHints {
  /** e.g. `application/pdf`, `text/html`, `text/markdown`. */
  readonly mediaType?: string;
  /** Used for its extension when no media type is given. */
  readonly filename?: string;
}

export interface ExtractResult {
  readonly indicators: Indicator[];
  readonly format: InputFormat;
  readonly title?: string;
  /** Problems with the input that did not stop extraction, e.g. a PDF without a text layer. */
  readonly warnings: string[];
}

/** Picks the input format from the media type, the file name, then the bytes themselves. */
export function detectFormat(head: string, hints: InputHints = {}): InputFormat {
  const mt = hints.mediaType?.toLowerCase() ?? '';
  if (mt.includes('pdf')) return 'pdf';
  if (mt.includes('html')) return 'html';
  if (mt.includes('markdown')) return 'markdown';
  const ext = /\.([a-z0-9]+)$/i.exec(hints.filename ?? '')?.[1]?.toLowerCase();
  if (ext === 'pdf') return 'pdf';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (head.startsWith('%PDF-')) return 'pdf';
  const start = head.trimStart().slice(0, 512).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /<(?:head|body)[\s>]/.test(start)) return 'html';
  return 'text';
}

/**
 * Core-ready extraction from a file's bytes or a string: detects text, Markdown, HTML or PDF,
 * takes the readable text and extracts the indicators.
 *
 * @example
 *   const { indicators, title, warnings } = await extractFromInput(readFileSync('report.pdf'), { filename: 'report.pdf' });
 */
export async function extractFromInput(
  input: Uint8Array | string,
  hints: InputHints = {},
  options?: ExtractOptions,
): Promise<ExtractResult> {
  const warnings: string[] = [];
  const head = typeof input === 'string' ? input.slice(0, 1024) : new TextDecoder('latin1').decode(input.subarray(0, 1024));
  const format = detectFormat(head, hints);
  let text: string;
  let title: string | undefined;
  if (format === 'pdf') {
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    const pdf = await textFromPdf(bytes);
    text = pdf.text;
    title = pdf.title;
    if (text.trim().length === 0) warnings.push(`the PDF's ${pdf.pages} page(s) have no text layer (scanned images?); nothing to extract`);
  } else {
    const str = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
    if (format === 'html') {
      const html = textFromHtml(str);
      text = html.text;
      title = html.title;
      if (!html.article) warnings.push('no main article found in the HTML; extracted from the whole page');
    } else {
      text = str;
      title = /^#\s+(.+)$/m.exec(str)?.[1]?.trim() ?? /^=\s+(.+)$/m.exec(str)?.[1]?.trim();
    }
  }
  if (text.trim().length === 0 && warnings.length === 0) warnings.push('the input holds no text');
  const result: ExtractResult = { indicators: extractIocs(text, options), format, warnings };
  return title === undefined ? result : { ...result, title };
}
