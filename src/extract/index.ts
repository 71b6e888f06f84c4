/** Free-text IOC extraction: the public face of src/extract. */
export { extractIocs } from './extract-iocs.ts';
export { extractFromInput, detectFormat, type ExtractResult, type InputFormat, type InputHints } from './extract-from-input.ts';
export { textFromHtml, type HtmlText } from './text-from-html.ts';
export { textFromPdf, type PdfText } from './text-from-pdf.ts';
export { refang } from './refang.ts';
export { CONTEXT_MAX, MISP_TYPE, type ExtractOptions, type Indicator, type IocKind } from './types.ts';
