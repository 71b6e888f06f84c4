import { type Validator, fail, hasSpaceOrControl, pass } from './_check.ts';
import { parseHostname } from './hostname.ts';

/** Types MISP lower-cases as a whole (local part included) before validating. */
const LOWER_WHOLE = new Set(['email', 'email-src', 'email-dst', 'target-email', 'whois-registrant-email']);

/**
 * An address `local@domain`: the local part 1-64 characters without spaces, control
 * characters or `@`; the domain a host name checked like `hostname` (punycoded, lower-cased,
 * known public suffix). For `jabber-id` a `/resource` after the domain is kept as is.
 * Everything is a single left-to-right scan; no regular expression.
 */
export const emailAddress: Validator = (value, type) => {
  const at = value.lastIndexOf('@');
  if (at < 0) return fail(`${type} must look like name@example.com, got no "@"`);
  const local = value.slice(0, at);
  let domain = value.slice(at + 1);
  let resource = '';
  if (type === 'jabber-id' && domain.includes('/')) {
    resource = domain.slice(domain.indexOf('/'));
    domain = domain.slice(0, domain.indexOf('/'));
  }
  if (local === '') return fail(`${type} needs a name before "@"`);
  if (local.includes('@')) return fail(`${type} must contain exactly one "@"`);
  if (local.length > 64) return fail(`${type} name before "@" must be at most 64 characters, got ${local.length}`);
  if (hasSpaceOrControl(local) || hasSpaceOrControl(resource)) return fail(`${type} must not contain spaces or control characters`);
  const host = parseHostname(domain);
  if (!host.ok) return fail(`${type} domain part: ${host.reason}`);
  const name = LOWER_WHOLE.has(type) ? local.toLowerCase() : local;
  return pass(`${name}@${host.value}${resource}`);
};
