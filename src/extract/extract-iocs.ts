import { Scanner } from './_scanner.ts';
import type { ExtractOptions, Indicator } from './types.ts';

/**
 * Finds, refangs and classifies the indicators in a text, in one linear pass. Each value is
 * reported once (at its first offset), canonicalised: lower-case hashes, domains and e-mail
 * addresses, refanged URLs with lower-case scheme and host.
 *
 * @example
 *   extractIocs('C2: hxxps://evil[.]example/gate.php and 8.8.8[.]8')
 *   // [{ type: 'url', kind: 'url', value: 'https://evil.example/gate.php', ... },
 *   //  { type: 'domain', kind: 'domain', value: 'evil.example', ... },
 *   //  { type: 'ip-dst', kind: 'ipv4', value: '8.8.8.8', ... }]
 */
export function extractIocs(text: string, options?: ExtractOptions): Indicator[] {
  return new Scanner(text, options).run();
}
