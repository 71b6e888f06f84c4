import { createHash, randomUUID } from 'node:crypto';

/** A fresh random (v4) uuid. */
export const newUuid = (): string => randomUUID();

/**
 * A deterministic uuid (RFC 4122 version 5 layout over SHA-1) for inputs that carry none,
 * such as a threat report: the same namespace and name always give the same uuid.
 *
 * @example uuidFromName('threat-report', `${title}\n${date}`)
 */
export function uuidFromName(namespace: string, name: string): string {
  const h = createHash('sha1').update(`cairn:${namespace}\0${name}`).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
