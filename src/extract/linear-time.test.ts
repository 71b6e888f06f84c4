import { readdirSync, readFileSync } from 'node:fs';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { extractIocs } from './index.ts';

/** Every regular-expression literal in src/extract's source files. */
function regexLiterals(): { file: string; source: string; flags: string }[] {
  const dir = new URL('./', import.meta.url);
  const out: { file: string; source: string; flags: string }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const sf = ts.createSourceFile(file, readFileSync(new URL(file, dir), 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const end = text.lastIndexOf('/');
        out.push({ file, source: text.slice(1, end), flags: text.slice(end + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

describe('linear time', () => {
  const patterns = regexLiterals();

  it('finds the regexes to check', () => {
    expect(patterns.length).toBeGreaterThan(10);
  });

  it.each(patterns.map((p) => [`${p.file}: /${p.source}/${p.flags}`, p] as const))('%s is safe from catastrophic backtracking', (_, p) => {
    const r = checkSync(p.source, p.flags);
    expect(r.status, r.status === 'vulnerable' ? JSON.stringify(r.complexity) : '').toBe('safe');
  });

  const adversarial = (size: number): string => {
    const pieces = [
      'a.a.a.a.a.', '1.1.1.1.1.1.', '[.][.](.)', 'hxxp://', 'x@y@z@', 'HKLM\\a b ', 'Mozilla/5.0 ', '))))', '::::',
      'ab'.repeat(20), 'rule r { ', 'CVE ', 'AS ', '0123456789abcdef', 'evil[.]example[.]com/', '|`x.exe`|',
    ];
    let s = '';
    let i = 0;
    while (s.length < size) {
      // long space-free stretches and normal spacing, mixed
      s += pieces[i % pieces.length]!.repeat(1 + (i % 7)) + (i % 5 === 0 ? ' ' : '');
      i++;
    }
    return s.slice(0, size);
  };

  it('costs time proportional to input size on a 10 MB adversarial input', () => {
    const small = adversarial(1_000_000);
    const large = adversarial(10_000_000);
    extractIocs(small); // warm up
    const t0 = performance.now();
    extractIocs(small);
    const t1 = performance.now();
    extractIocs(large);
    const t2 = performance.now();
    const ratio = (t2 - t1) / Math.max(1, t1 - t0);
    expect(ratio).toBeLessThan(20);
  });
});
