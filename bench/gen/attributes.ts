/**
 * Deterministic generators of realistic indicator values: a type mix like that of public
 * OSINT events (hashes and network indicators dominate, some filenames, links and text).
 */

/** A small seeded PRNG (mulberry32), so every run generates the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (r: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(r() * 16)];
  return s;
};
const word = (r: () => number, n = 8) => {
  let s = '';
  for (let i = 0; i < n; i++) s += 'abcdefghijklmnopqrstuvwxyz'[Math.floor(r() * 26)];
  return s;
};
const TLDS = ['com', 'net', 'org', 'ru', 'cn', 'info', 'io', 'xyz', 'top', 'co.uk'];

/** [MISP category, type, weight, value maker] */
export const TYPE_MIX: readonly [string, string, number, (r: () => number, i: number) => string][] = [
  ['Payload delivery', 'sha256', 18, (r) => hex(r, 64)],
  ['Payload delivery', 'md5', 14, (r) => hex(r, 32)],
  ['Payload delivery', 'sha1', 10, (r) => hex(r, 40)],
  ['Network activity', 'ip-dst', 14, (r) => `${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`],
  ['Network activity', 'domain', 12, (r) => `${word(r, 6 + Math.floor(r() * 8))}.${TLDS[Math.floor(r() * TLDS.length)]}`],
  ['Network activity', 'hostname', 6, (r) => `${word(r, 4)}.${word(r, 7)}.${TLDS[Math.floor(r() * TLDS.length)]}`],
  ['Network activity', 'url', 8, (r) => `http://${word(r, 9)}.com/${word(r, 5)}/${word(r, 6)}.php?id=${Math.floor(r() * 1e6)}`],
  ['Payload delivery', 'filename', 5, (r) => `${word(r, 7)}.exe`],
  ['Payload delivery', 'filename|sha256', 4, (r) => `${word(r, 7)}.dll|${hex(r, 64)}`],
  ['Network activity', 'ip-dst|port', 3, (r) => `${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}|${1 + Math.floor(r() * 65000)}`],
  ['Payload delivery', 'email-src', 2, (r) => `${word(r, 6)}@${word(r, 7)}.com`],
  ['External analysis', 'link', 2, (r) => `https://www.virustotal.com/gui/file/${hex(r, 64)}`],
  ['Persistence mechanism', 'regkey', 1, (r) => `HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\${word(r, 8)}`],
  ['Other', 'text', 1, (r) => `Observed beaconing every ${Math.floor(r() * 600)} seconds to ${word(r)}`],
];

const TOTAL = TYPE_MIX.reduce((n, t) => n + t[2], 0);

/** Picks a [category, type, value] by the mix's weights. */
export function pickAttribute(r: () => number, i: number): [string, string, string] {
  let x = r() * TOTAL;
  for (const [category, type, w, make] of TYPE_MIX) {
    x -= w;
    if (x < 0) return [category, type, make(r, i)];
  }
  const last = TYPE_MIX[TYPE_MIX.length - 1]!;
  return [last[0], last[1], last[3](r, i)];
}
