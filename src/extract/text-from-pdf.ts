import { CairnError } from '../errors.ts';

export interface PdfText {
  readonly text: string;
  readonly title?: string;
  readonly pages: number;
}

interface TextItemLike {
  readonly str?: string;
  readonly hasEOL?: boolean;
}

/**
 * The text layer of a PDF, page by page, with pdf.js (legacy build for Node). JavaScript in the
 * PDF never runs (`isEvalSupported: false`, no scripting) and nothing is fetched from the network.
 * Throws INVALID_INPUT when the bytes are not a readable PDF.
 *
 * @example
 *   const { text, pages } = await textFromPdf(readFileSync('report.pdf'));
 */
export async function textFromPdf(bytes: Uint8Array): Promise<PdfText> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of (detaches) the buffer it is given
  const data = new Uint8Array(bytes);
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data,
      isEvalSupported: false,
      enableXfa: false,
      useWorkerFetch: false,
      useSystemFonts: false,
      disableFontFace: true,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (cause) {
    throw new CairnError('INVALID_INPUT', 'not a readable PDF', { cause });
  }
  try {
    const pages: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items as TextItemLike[]) {
        if (typeof item.str !== 'string') continue;
        line += item.str;
        if (item.hasEOL) line += '\n';
      }
      pages.push(line);
      page.cleanup();
    }
    let title: string | undefined;
    try {
      const meta = await doc.getMetadata();
      const t = (meta.info as { Title?: unknown } | undefined)?.Title;
      if (typeof t === 'string' && t.trim()) title = t.trim();
    } catch {
      // metadata is optional
    }
    return { text: pages.join('\n\f\n'), title, pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}
