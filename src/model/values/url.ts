import { type Validator, fail, hasLineBreak, hasSpaceOrControl, pass, show } from './_check.ts';

const SPECIAL = new Set(['http:', 'https:', 'ftp:', 'ws:', 'wss:', 'file:']);

/**
 * link: an absolute URL with a scheme, as MISP's FILTER_VALIDATE_URL demands; for web
 * schemes also `//` and a host. No spaces (they must be percent-encoded). Kept as given.
 */
export const link: Validator = (value, type) => {
  if (hasSpaceOrControl(value)) return fail(`${type} must not contain spaces or control characters (percent-encode them)`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`${type} must be an absolute URL with a scheme, like https://example.com/, got ${show(value)}`);
  }
  if (SPECIAL.has(url.protocol) && url.protocol !== 'file:') {
    const afterScheme = value.slice(url.protocol.length);
    if (!afterScheme.startsWith('//') || '/\\'.includes(afterScheme[2] ?? '/') || url.hostname === '') return fail(`${type} needs a host after "${url.protocol}//"`);
  }
  return pass(value);
};

/** url / uri: as in MISP, any single line; a scheme is not required (`evil.example/x` is a url). */
export const urlLike: Validator = (value, type) =>
  hasLineBreak(value) ? fail(`${type} must be a single line`) : pass(value);
