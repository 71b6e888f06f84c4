/**
 * MISP's attribute refanging (ComplexTypeTool::refangValue), applied before validation:
 * `hxxp://`, `[.]`, `[dot]`, `(dot)`, `[@]`, `[at]`, `[:]` back to their plain forms, each
 * only for the types MISP applies it to. Plain substring replacement; linear time.
 *
 * @example
 *   refang('url', 'hxxps://evil[.]example/a') // 'https://evil.example/a'
 */
export function refang(type: string, value: string): string {
  let v = value;
  const web = type === 'url' || type === 'link';
  if (web) {
    const lower = v.slice(0, 6).toLowerCase();
    for (const p of ['h[tt]p', 'hxxp', 'hxtp', 'htxp', 'meow']) {
      if (lower.startsWith(p)) {
        v = `http${v.slice(p.length)}`;
        break;
      }
    }
  }
  if (web || DOTTED.has(type)) v = v.replaceAll('[.]', '.').replaceAll('[dot]', '.').replaceAll('(dot)', '.');
  if (web) v = v.replaceAll('[hxxp://]', 'http://');
  if (type === 'email' || type === 'email-src' || type === 'email-dst') v = v.replaceAll('[@]', '@').replaceAll('[at]', '@');
  if (web) v = v.replaceAll('[:]', ':');
  return v;
}

const DOTTED = new Set(['ip-dst', 'ip-src', 'domain|ip', 'domain', 'hostname', 'email', 'email-src', 'email-dst']);
