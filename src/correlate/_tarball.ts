import { gunzipSync } from 'node:zlib';

/**
 * The regular files of a .tar.gz held in memory, filtered by path; enough of ustar and pax
 * for GitHub's archives. `maxBytes` caps the unpacked size.
 */
export function untarGz(gz: Uint8Array, wanted: (path: string) => boolean, maxBytes: number): Map<string, Buffer> {
  const tar = gunzipSync(gz, { maxOutputLength: maxBytes });
  const out = new Map<string, Buffer>();
  let paxPath: string | undefined;
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const str = (a: number, b: number) => h.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(h[156] ?? 48);
    const prefix = str(345, 500);
    const name = paxPath ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    const body = tar.subarray(off + 512, off + 512 + size);
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = m?.[1];
    } else {
      if ((type === '0' || type === '\0') && wanted(name)) out.set(name, Buffer.from(body));
      paxPath = undefined;
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}
