import type { AttributeType } from '../model/registry.ts';

/**
 * What the extractor recognised, named as in the shared evaluation sets (`ioc-cases/SOURCE.md`).
 * Several kinds map onto one MISP attribute type (see {@link MISP_TYPE}).
 */
export type IocKind =
  | 'ipv4' | 'ipv6' | 'ipv4_cidr' | 'ipv6_cidr'
  | 'domain' | 'url' | 'email'
  | 'md5' | 'sha1' | 'sha256' | 'sha512' | 'ssdeep' | 'imphash' | 'authentihash' | 'tlsh' | 'ja3' | 'ja3s'
  | 'cve' | 'asn' | 'mac' | 'btc' | 'xmr' | 'eth'
  | 'attack_technique' | 'attack_tactic' | 'attack_mitigation'
  | 'yara_rule' | 'filename' | 'file_path' | 'registry_key' | 'user_agent'
  | 'tlp' | 'ga_tracking_id' | 'adsense_pub_id';

/** One indicator found in a text. */
export interface Indicator {
  /** MISP attribute type, e.g. `ip-dst`, `hostname`, `vulnerability`. */
  readonly type: AttributeType;
  /** The extractor's finer kind, e.g. `ipv4_cidr`, `attack_technique`. */
  readonly kind: IocKind;
  /** Canonical value: refanged, lower-cased where the type is case-insensitive. */
  readonly value: string;
  /** UTF-16 offset of the token in the scanned text. */
  readonly offset: number;
  /** The sentence or line it came from, at most {@link CONTEXT_MAX} characters. */
  readonly context: string;
  /** Whether the text wrote it defanged (`hxxp`, `[.]`, ...). */
  readonly defanged: boolean;
}

export interface ExtractOptions {
  /**
   * Drop network indicators that cite the report's sources rather than indicate compromise.
   * A defanged token is always kept: defanging is the author saying "this is an IOC". A live
   * (non-defanged) URL, domain, IP or e-mail address is dropped when it is
   * - a markup link target (`[text](url)`, `<url>`, AsciiDoc `url[text]`);
   * - in a reference section (a `References`/`Sources`/... heading or `References:` line);
   * - in a Markdown/AsciiDoc document with headings (an IOC appendix), anywhere but an IOC block:
   *   code/listing blocks, indented literal blocks, table columns named IP/domain/URL/C&C/host,
   *   lists under a network heading;
   * - in a sentence of a text that defangs other indicators (the author's links are citations);
   * - on the short built-in list of generic infrastructure (code hosting, social media,
   *   standards bodies, certificate authorities).
   * Default true.
   */
  readonly dropReferences?: boolean;
  /** Keep only these kinds. Default: every kind. */
  readonly kinds?: readonly IocKind[];
}

export const CONTEXT_MAX = 240;

/**
 * MISP attribute type for each kind. ATT&CK ids, YARA rule names, TLP markings and web-analytics
 * ids have no MISP attribute type of their own: MISP holds ATT&CK as galaxy clusters and YARA as
 * whole rules, so a bare id is kept as `text` and can be turned into a galaxy tag on import.
 */
export const MISP_TYPE: Readonly<Record<IocKind, AttributeType>> = {
  ipv4: 'ip-dst', ipv6: 'ip-dst', ipv4_cidr: 'ip-dst', ipv6_cidr: 'ip-dst',
  domain: 'domain', url: 'url', email: 'email-src',
  md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha512: 'sha512', ssdeep: 'ssdeep', imphash: 'imphash',
  authentihash: 'authentihash', tlsh: 'tlsh', ja3: 'ja3-fingerprint-md5', ja3s: 'ja3-fingerprint-md5',
  cve: 'vulnerability', asn: 'AS', mac: 'mac-address', btc: 'btc', xmr: 'xmr', eth: 'other',
  attack_technique: 'text', attack_tactic: 'text', attack_mitigation: 'text',
  yara_rule: 'text', filename: 'filename', file_path: 'filename', registry_key: 'regkey',
  user_agent: 'user-agent', tlp: 'text', ga_tracking_id: 'other', adsense_pub_id: 'other',
};
