/** Free-text IOC extraction: the public face of src/extract. */
export { extractIocs } from './extract-iocs.ts';
export { refang } from './refang.ts';
export { CONTEXT_MAX, MISP_TYPE, type ExtractOptions, type Indicator, type IocKind } from './types.ts';
