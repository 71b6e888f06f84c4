import { describe, expect, it } from 'vitest';
import { normalizeValue } from './index.ts';

describe('numbers, dates and identifiers: input → normalised', () => {
  it.each([
    ['port', ' 00443 ', '443'],
    ['counter', '000', '0'],
    ['size-in-bytes', '0001024', '1024'],
    ['integer', '-0', '0'],
    ['integer', '+12345678901234567890', '12345678901234567890'],
    ['float', '+1.50E-3', '+1.50E-3'],
    ['boolean', 'True', '1'],
    ['boolean', '0', '0'],
    ['favicon-mmh3', '-2147483648', '-2147483648'],
    ['datetime', '2024-05-01T10:00:00.123456789-05:30', '2024-05-01T10:00:00.123456-0530'],
    ['datetime', '2024-05-01T10:00+0100', '2024-05-01T10:00:00.000000+0100'],
    ['datetime', '2024-05-01t10:00:00,5z', '2024-05-01T10:00:00.500000+0000'],
    ['vulnerability', 'cve-2021-44228', 'CVE-2021-44228'],
    ['vulnerability', 'CVE-2021-1234567', 'CVE-2021-1234567'],
    ['weakness', 'Cwe\u201379', 'CWE-79'],
    ['cpe', 'cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*', 'cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*'],
    ['cpe', 'CPE:/o:linux:linux_kernel', 'cpe:/o:linux:linux_kernel'],
    ['uuid', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    ['http-method', 'post', 'POST'],
    ['hex', '0a1B', '0A1B'],
    ['onion-address', 'DUCKDUCKGOGG42XJOC72X3SJASOWOARFBGCMVFIMAFTT6TWAGSWZCZAD.onion', 'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion'],
    ['mime-type', 'Text/HTML; charset=UTF-8', 'text/html; charset=UTF-8'],
    ['anonymised', 'User-ABC', 'user-abc'],
  ])('%s %j → %j', (type, input, expected) => {
    expect(normalizeValue(type, input)).toMatchObject({ ok: true, value: expected });
  });
});

describe('finance and phone numbers, as MISP rewrites them', () => {
  it.each([
    ['iban', 'GB82-WEST-1234-5698-7654-32', 'GB82WEST12345698765432'],
    ['bic', 'bnpa fr pp xxx', 'BNPAFRPPXXX'],
    ['cc-number', '4111 1111 1111 1111', '4111111111111111'],
    ['bin', '411111xx', '411111'],
    ['phone-number', '00352 (0)123 456', '+352123456'],
    ['whois-registrant-phone', '+1.5550100', '+15550100'],
    ['btc', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
  ])('%s %j → %j', (type, input, expected) => {
    expect(normalizeValue(type, input)).toMatchObject({ ok: true, value: expected });
  });
});

describe('registry keys (MISP default import rules for kernel paths)', () => {
  it.each([
    ['regkey', '\\Registry\\Machine\\Software\\Run', 'HKLM\\Software\\Run'],
    ['regkey', '\\REGISTRY\\USER\\S-1-5-21-1004336348-1177238915-682003330-512\\Software\\x', 'HKCU\\Software\\x'],
    ['regkey', 'HKEY_LOCAL_MACHINE\\Software', 'HKEY_LOCAL_MACHINE\\Software'],
    ['regkey|value', '\\REGISTRY\\MACHINE\\Run | evil.exe', 'HKLM\\Run|evil.exe'],
  ])('%s %j → %j', (type, input, expected) => {
    expect(normalizeValue(type, input)).toMatchObject({ ok: true, value: expected });
  });
});

describe('reasons a user can act on', () => {
  it.each([
    ['port', '70000', 'port must be a whole number from 1 to 65535, got "70000"'],
    ['AS', 'AS99999999999', 'AS must be at most 4294967295, got "99999999999"'],
    ['vulnerability', 'CVE-2021-1', 'vulnerability must look like CVE-2024-12345 (CVE-year-at least 4 digits), got "CVE-2021-1"'],
    ['mac-address', '00:11:22:33:44', 'mac-address must have 12 hexadecimal digits, got 10'],
    ['datetime', 'next tuesday', 'datetime must be an ISO 8601 date and time like 2024-05-01T10:00:00Z, got "next tuesday"'],
    ['windows-service-name', 'a\\b', 'windows-service-name must not contain "/" or "\\"'],
    ['filename', 'a\nb', 'filename must be a single line (remove the line break)'],
  ])('%s %j → %s', (type, input, reason) => {
    expect(normalizeValue(type, input)).toEqual({ ok: false, reason });
  });
});
