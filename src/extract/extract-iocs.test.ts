import { describe, expect, it } from 'vitest';
import { extractIocs } from './index.ts';

describe('where indicators stand (layout rules)', () => {
  const kinds = (text: string, kind: string): string[] =>
    extractIocs(text).filter((i) => i.kind === kind).map((i) => i.value);

  const appendix = [
    '= Example -- Indicators of Compromise',
    '',
    'The blog post is available at https://research.example.org/post and mentions loader.dll.',
    '',
    '[options="header"]',
    '|===',
    '|SHA-1 |Filename |Detection |Description',
    '|`2B42FD41A1C8AC12221857DD2DF93164A71B95D7` |`ass.dll` |Win64/Packed.VMProtect.OX |Loader.',
    '|`D5F8ACAD643EE8E1D33D184DAEA0C8EA8E7FD6F8` |`invoice.hsnx` |DOC/Agent.AAP |Document.',
    '|===',
    '',
    '[options="header"]',
    '|===',
    '|Family | Component | Domain',
    '|Adstantinko | udsetup.exe | clients1.bad-example.com',
    '|===',
    '',
    '== C&C servers',
    '',
    '=== Used in 2020',
    '',
    '* `++c2.bad-example.net++`',
    '',
    '== References',
    '',
    '* https://ref.example.com/report',
  ].join('\n');

  it('takes file names from the file-name column of a hash table only', () => {
    expect(kinds(appendix, 'filename').sort()).toEqual(['ass.dll', 'invoice.hsnx']);
  });

  it('keeps live network indicators in IOC blocks of a structured document, drops them in prose and references', () => {
    expect(kinds(appendix, 'domain').sort()).toEqual(['c2.bad-example.net', 'clients1.bad-example.com']);
    expect(kinds(appendix, 'url')).toEqual([]);
  });

  it('keeps file names and live links in plain prose', () => {
    expect(kinds('The backdoor is injected into svchost.exe and calls http://c2.bad-example.com/gate.', 'filename')).toEqual(['svchost.exe']);
    expect(kinds('The backdoor calls http://c2.bad-example.com/gate.', 'url')).toEqual(['http://c2.bad-example.com/gate']);
  });

  it('reads a live link in a sentence as a citation when the author defangs indicators', () => {
    const text = 'See the report at https://research.example.org/post for details; C2 was update-check[.]net.';
    expect(kinds(text, 'domain')).toEqual(['update-check.net']);
    expect(kinds(text, 'url')).toEqual([]);
  });

  it('reports a hash passed in a URL parameter', () => {
    expect(kinds('hxxps://cdn.bad-example[.]com/f?oh=570ee08b0c9931f462fdafe8a0ac71a9&dl=1', 'md5')).toEqual(['570ee08b0c9931f462fdafe8a0ac71a9']);
  });

  it('reports Bitcoin addresses whose Base58Check checksum holds', () => {
    const text = 'Ransom to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa or 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy, not 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb.';
    expect(kinds(text, 'btc')).toEqual(['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy']);
  });

  it.each([
    ['## Further Reading', []],
    ['## Further reading-list', []],
    ['## Read-more hosts', ['c2.bad-example.net']],
    ['## C&C', ['c2.bad-example.net']],
    ['## IP addresses and see also', ['c2.bad-example.net']],
    ['## Sources of the C2 list', []],
  ])('a heading %j decides whether the list below is indicators or references', (heading, domains) => {
    const text = ['# Report', '', heading, '', '* c2.bad-example.net', ''].join('\n');
    expect(kinds(text, 'domain')).toEqual(domains);
  });
});
