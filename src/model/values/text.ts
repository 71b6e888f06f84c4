import { type Validator, fail, hasLineBreak, pass, show } from './_check.ts';

/** Free text (comment, text, yara, sigma, pgp keys, ...): anything non-empty, line breaks allowed. */
export const multiLine: Validator = (value) => pass(value);

/** Single-line text (filename, user-agent, names, ...): MISP rejects line breaks in these. */
export const singleLine: Validator = (value, type) =>
  hasLineBreak(value) ? fail(`${type} must be a single line (remove the line break)`) : pass(value);

/** windows-service-name / -displayname: at most 256 characters, no `/` or `\`, as in MISP. */
export const windowsServiceName: Validator = (value, type) => {
  if (value.length > 256) return fail(`${type} must be at most 256 characters, got ${value.length}`);
  if (value.includes('/') || value.includes('\\')) return fail(`${type} must not contain "/" or "\\"`);
  return singleLine(value, type);
};

const MACHINE = '\\registry\\machine\\';
const USER = '\\registry\\user\\s-';

/**
 * regkey: single line; the kernel-path roots that MISP's default import rules rewrite are
 * shortened the same way: `\REGISTRY\MACHINE\…` → `HKLM\…`, `\REGISTRY\USER\<SID>…` → `HKCU…`.
 * Other spellings (HKEY_LOCAL_MACHINE, HKLM) are kept as given, as MISP keeps them.
 *
 * @example
 *   regkey('\\REGISTRY\\MACHINE\\SOFTWARE\\Run', 'regkey') // { ok: true, value: 'HKLM\\SOFTWARE\\Run' }
 */
export const regkey: Validator = (value, type) => {
  const line = singleLine(value, type);
  if (!line.ok) return line;
  const lower = value.toLowerCase();
  if (lower.startsWith(MACHINE)) return pass(`HKLM\\${value.slice(MACHINE.length)}`);
  if (lower.startsWith(USER)) {
    const end = value.indexOf('\\', USER.length);
    return pass(end < 0 ? 'HKCU' : `HKCU${value.slice(end)}`);
  }
  return pass(value);
};

/** The registry value data of `regkey|value`: may be empty, single line. */
export const registryData: Validator = singleLine;

/** Reason for a type whose value must not be empty; shared by the public entry. */
export const emptyReason = (type: string, value: string): string =>
  value === '' ? `${type} must not be empty` : `${type} must not be only whitespace, got ${show(value)}`;

/** anonymised: free text, lower-cased as MISP does. */
export const lowerMultiLine: Validator = (value) => pass(value.toLowerCase());
