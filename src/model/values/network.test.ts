import { describe, expect, it } from 'vitest';
import { normalizeValue } from './index.ts';

const table = (rows: readonly (readonly [string, string, string])[]): void => {
  it.each(rows)('%s %j → %j', (type, input, expected) => {
    expect(normalizeValue(type, input)).toMatchObject({ ok: true, value: expected });
  });
};

describe('IP addresses (ipaddr.js; MISP keeps CIDR host bits)', () => {
  table([
    ['ip-dst', '2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['ip-dst', '2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['ip-dst', '::FFFF:192.0.2.1', '::ffff:192.0.2.1'],
    ['ip-dst', '::ffff:c000:0201', '::ffff:192.0.2.1'],
    ['ip-src', '192.0.2.1/32', '192.0.2.1'],
    ['ip-src', '2001:DB8::1/128', '2001:db8::1'],
    ['ip-src', '192.0.2.77/24', '192.0.2.77/24'],
    ['ip-src', '2001:DB8::1/48', '2001:db8::1/48'],
    ['ip-src', '0.0.0.0/0', '0.0.0.0/0'],
    ['ip-dst', '192.0.2[.]1', '192.0.2.1'],
    ['ip-src|port', '[2001:DB8::1]:443', '2001:db8::1|443'],
    ['ip-src|port', '192.0.2.1 | 0443', '192.0.2.1|443'],
  ]);
  it.each([['ip-dst', '::1.2.3.4'], ['ip-dst', '1.2.3.4/'], ['ip-dst', '1.2.3.4/1/2'], ['ip-src', '0x7f.0.0.1'], ['ip-src|port', '192.0.2.1/24|80']])(
    'rejects %s %j', (type, input) => expect(normalizeValue(type, input).ok).toBe(false),
  );
});

describe('domains and host names (tldts public suffix list, punycode)', () => {
  table([
    ['domain', 'EXAMPLE.co.UK', 'example.co.uk'],
    ['domain', '.example.com.', 'example.com'],
    ['hostname', 'münchen.de', 'xn--mnchen-3ya.de'],
    ['hostname', 'ex。ample。com', 'ex.ample.com'],
    ['hostname', '_dmarc.example.com', '_dmarc.example.com'],
    ['hostname', 'evil.duckdns.org', 'evil.duckdns.org'],
    ['domain|ip', 'Bücher.de|192.0.2.1', 'xn--bcher-kva.de|192.0.2.1'],
    ['hostname|port', 'WWW.Example.com|8080', 'www.example.com|8080'],
  ]);
  it.each([
    ['domain', 'corp.local', 'does not end in a known public suffix'],
    ['domain', `${'a'.repeat(64)}.com`, 'at most 63 characters, got 64'],
    ['domain', `${'abcdefghi.'.repeat(26)}com`, 'at most 253 characters, got 263'],
    ['domain', 'ex$ample.com', 'contains "$"'],
    ['hostname', 'example.c_m', 'top-level label "c_m"'],
  ])('rejects %s %j (%s)', (type, input, reason) => {
    const r = normalizeValue(type, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('email addresses', () => {
  table([
    ['email-src', 'Alice.Smith@Example.ORG', 'alice.smith@example.org'],
    ['eppn', 'JDoe@Uni.EDU', 'JDoe@uni.edu'],
    ['email-dst', 'joe@bücher.de', 'joe@xn--bcher-kva.de'],
    ['email', 'x[@]example[dot]com', 'x@example.com'],
    ['jabber-id', 'Juliet@Capulet.com/Balcony', 'Juliet@capulet.com/Balcony'],
  ]);
  it.each([['email', `${'a'.repeat(65)}@example.com`], ['email', 'a@b@example.com'], ['email', 'a@[192.0.2.1]']])(
    'rejects %s %j', (type, input) => expect(normalizeValue(type, input).ok).toBe(false),
  );
});

describe('urls and links (MISP: url needs no scheme, link does)', () => {
  table([
    ['url', '  http://example.com/a  ', 'http://example.com/a'],
    ['url', 'hXXp://evil[.]example[:]8080/x', 'http://evil.example:8080/x'],
    ['url', 'meow://evil(dot)example', 'http://evil.example'],
    ['url', '[hxxp://]evil.example', 'http://evil.example'],
    ['uri', 'evil.example/gate.php?id=1', 'evil.example/gate.php?id=1'],
    ['link', 'hxxps://www.misp-project.org/', 'https://www.misp-project.org/'],
  ]);
});

describe('AS numbers', () => {
  table([
    ['AS', 'AS15169', 'AS15169'],
    ['AS', 'as 15169', 'AS15169'],
    ['AS', '0015169', 'AS15169'],
    ['AS', 'AS1.10', 'AS65546'],
    ['AS', '65535.65535', 'AS4294967295'],
    ['AS', '4294967295', 'AS4294967295'],
  ]);
});

describe('MAC addresses', () => {
  table([
    ['mac-address', '00:1A:2B:3C:4D:5E', '00:1a:2b:3c:4d:5e'],
    ['mac-address', '001A2B3C4D5E', '00:1a:2b:3c:4d:5e'],
    ['mac-address', '00 1a 2b 3c 4d 5e', '00:1a:2b:3c:4d:5e'],
    ['mac-eui-64', '001a.2bff.fe3c.4d5e', '00:1a:2b:ff:fe:3c:4d:5e'],
  ]);
});
