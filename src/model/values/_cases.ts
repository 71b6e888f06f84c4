/**
 * Test fixture: at least one valid and one invalid value for every MISP attribute type.
 * A valid entry is `[input, expected normalised value]`, or just the input when it is kept.
 * Used only by tests in this folder.
 */
export type ValidCase = string | readonly [string, string];
export interface TypeCases {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly string[];
}

/** `n` hexadecimal characters. */
export const hexOf = (n: number, upper = false): string => {
  const s = '0123456789abcdef'.repeat(Math.ceil(n / 16)).slice(0, n);
  return upper ? s.toUpperCase() : s;
};

const digest = (n: number): TypeCases => ({
  valid: [hexOf(n), [hexOf(n, true), hexOf(n)]],
  invalid: [hexOf(n - 1), hexOf(n + 1), `${hexOf(n - 1)}g`],
});
const withName = (c: TypeCases): TypeCases => ({
  valid: c.valid.map((v) => (typeof v === 'string' ? `a.exe|${v}` : ([`a.exe|${v[0]}`, `a.exe|${v[1]}`] as const))),
  invalid: [...c.invalid.map((v) => `a.exe|${v}`), `|${typeof c.valid[0] === 'string' ? c.valid[0] : ''}`, 'a.exe'],
});
const single = (valid: string): TypeCases => ({ valid: [valid, [`  ${valid} `, valid]], invalid: ['', 'line one\nline two'] });
const multi = (valid: string): TypeCases => ({ valid: [valid, 'line one\nline two'], invalid: ['', ' \t ', 'a\0b'] });

const SSDEEP = '96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrJzrhuyZvHYm8tKp/RWO';
const TLSH = `T1${hexOf(70, true)}`;
const IMPFUZZY = '48:JG2fVZ+vTXo/cMyFAc9TyxHV0pZBh5QpQ:JG2fEvk/cMyFAc9TyxHV0pZBh5QpQ';
const XMR = `4${'A'.repeat(94)}`;

export const CASES: Readonly<Record<string, TypeCases>> = {
  md5: digest(32), sha1: digest(40), sha224: digest(56), sha256: digest(64), sha384: digest(96), sha512: digest(128),
  'sha512/224': digest(56), 'sha512/256': digest(64),
  'sha3-224': digest(56), 'sha3-256': digest(64), 'sha3-384': digest(96), 'sha3-512': digest(128),
  imphash: digest(32), authentihash: digest(64), pehash: digest(40), 'dom-hash': digest(32),
  'ja3-fingerprint-md5': digest(32), 'hassh-md5': digest(32), 'hasshserver-md5': digest(32), 'jarm-fingerprint': digest(62),
  'x509-fingerprint-md5': { valid: [hexOf(32), ['AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89', 'abcdef0123456789abcdef0123456789']], invalid: [hexOf(30)] },
  'x509-fingerprint-sha1': digest(40), 'x509-fingerprint-sha256': digest(64),
  'git-commit-id': { valid: [hexOf(40), hexOf(64)], invalid: [hexOf(41), hexOf(7)] },
  cdhash: { valid: [hexOf(40), [hexOf(64, true), hexOf(64)]], invalid: [hexOf(39), hexOf(50)] },
  ssdeep: { valid: [SSDEEP, '3::'], invalid: ['96:abc', 'x:abc:def', '96:ab c:de'] },
  impfuzzy: { valid: [IMPFUZZY], invalid: ['48:only-one-colon', 'abc:def:ghi'] },
  tlsh: { valid: [[TLSH, TLSH.toLowerCase()], hexOf(70)], invalid: [hexOf(69), `T2${hexOf(70)}`] },
  telfhash: { valid: [`t1${hexOf(70)}`, hexOf(70)], invalid: ['tnull', hexOf(72)] },
  vhash: { valid: [['025056655D155D5BZ5FZ2', '025056655d155d5bz5fz2']], invalid: ['has space'] },

  'filename|md5': withName(digest(32)), 'filename|sha1': withName(digest(40)), 'filename|sha224': withName(digest(56)),
  'filename|sha256': withName(digest(64)), 'filename|sha384': withName(digest(96)), 'filename|sha512': withName(digest(128)),
  'filename|sha512/224': withName(digest(56)), 'filename|sha512/256': withName(digest(64)),
  'filename|sha3-224': withName(digest(56)), 'filename|sha3-256': withName(digest(64)),
  'filename|sha3-384': withName(digest(96)), 'filename|sha3-512': withName(digest(128)),
  'filename|authentihash': withName(digest(64)), 'filename|imphash': withName(digest(32)), 'filename|pehash': withName(digest(40)),
  'filename|vhash': { valid: ['a.exe|025056655d155d5bz5fz2'], invalid: ['a.exe|bad vhash', 'a.exe'] },
  'filename|ssdeep': { valid: [`a.exe|${SSDEEP}`], invalid: ['a.exe|nonsense', `a\nb.exe|${SSDEEP}`] },
  'filename|impfuzzy': { valid: [`a.exe|${IMPFUZZY}`], invalid: ['a.exe|48:x'] },
  'filename|tlsh': { valid: [[`a.exe|${TLSH}`, `a.exe|${TLSH.toLowerCase()}`]], invalid: ['a.exe|t1abc'] },
  'malware-sample': { valid: [[`sample.zip|${hexOf(32, true)}`, `sample.zip|${hexOf(32)}`]], invalid: ['sample.zip', `sample.zip|${hexOf(40)}`] },

  'ip-src': { valid: ['192.0.2.1', ['2001:DB8:0:0::1', '2001:db8::1'], '10.0.0.0/8', ['192.0.2.1/32', '192.0.2.1']], invalid: ['192.0.2.256', '10.0.0.0/33', '01.2.3.4'] },
  'ip-dst': { valid: ['198.51.100.7', ['2001:db8::1/128', '2001:db8::1'], '2001:db8::/32'], invalid: ['1.2.3', '2001:db8::1/129', 'fe80::1%eth0'] },
  'ip-src|port': { valid: ['192.0.2.1|80', ['192.0.2.1:443', '192.0.2.1|443']], invalid: ['192.0.2.1|0', '192.0.2.1', 'host|80'] },
  'ip-dst|port': { valid: [['[2001:DB8::1]:8080', '2001:db8::1|8080'], ['2001:db8::1|022', '2001:db8::1|22']], invalid: ['192.0.2.1|65536', '2001:db8::1:80'] },
  hostname: { valid: ['www.example.com', ['WWW.Example.COM.', 'www.example.com']], invalid: ['localhost', 'foo.notatld', 'a..example.com'] },
  domain: { valid: ['example.com', ['bücher.de', 'xn--bcher-kva.de'], ['example[.]com', 'example.com']], invalid: ['example', 'exa mple.com', '1.2.3.4'] },
  'domain|ip': { valid: [['Example.com|192.0.2.1', 'example.com|192.0.2.1']], invalid: ['example.com|999.1.1.1', 'example|192.0.2.1', 'example.com'] },
  'hostname|port': { valid: [['Mail.Example.com:25', 'mail.example.com|25'], 'example.com|443'], invalid: ['example.com|70000', 'example.com'] },
  port: { valid: ['443', ['0080', '80']], invalid: ['0', '65536', '80/tcp'] },
  AS: { valid: [['15169', 'AS15169'], ['as15169', 'AS15169'], ['1.10', 'AS65546'], ['AS0', 'AS0']], invalid: ['AS4294967296', 'ASX', '1.70000'] },
  'mac-address': { valid: [['00-1A-2B-3C-4D-5E', '00:1a:2b:3c:4d:5e'], ['001a.2b3c.4d5e', '00:1a:2b:3c:4d:5e']], invalid: ['00:1a:2b:3c:4d', '00:1a:2b:3c:4d:5g'] },
  'mac-eui-64': { valid: [['00-1A-2B-FF-FE-3C-4D-5E', '00:1a:2b:ff:fe:3c:4d:5e']], invalid: ['00:1a:2b:3c:4d:5e'] },
  url: { valid: ['https://example.com/a?b=c', 'example.com/path', ['hxxps://evil[.]example/x', 'https://evil.example/x']], invalid: ['http://a\nb'] },
  uri: { valid: ['/wp-admin/admin-ajax.php'], invalid: ['/a\n/b'] },
  link: { valid: ['https://www.misp-project.org/', 'mailto:info@example.com'], invalid: ['www.example.com', 'https://exa mple.com/', 'http:///x'] },
  'http-method': { valid: [['get', 'GET'], 'PROPFIND'], invalid: ['FETCH', 'GET /'] },
  'user-agent': single('Mozilla/5.0 (Windows NT 10.0; Win64; x64)'),
  'onion-address': { valid: [['ExampleOnion2345.onion', 'exampleonion2345.onion'], `${'a'.repeat(56)}.onion`], invalid: ['example.onion', `${'a'.repeat(55)}.onion`] },
  'community-id': { valid: ['1:LQU9qZlK+B5F3KDmev6m5PMibrg='], invalid: ['LQU9qZlK+B5F3KDmev6m5PMibrg=', '1:short'] },
  'ssh-fingerprint': { valid: ['SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8', 'MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48', '1627aca576282d36631b564debdfa648'], invalid: ['SHA256:abc', 'MD5:16:27'] },
  'favicon-mmh3': { valid: ['-1137973380', '116323821'], invalid: ['3000000000', 'abc'] },
  cookie: multi('session=abc123'),
  snort: multi('alert tcp any any -> any 80 (msg:"x"; sid:1;)'), suricata: multi('alert http any any -> any any (sid:2;)'),
  bro: multi('event x() {}'), zeek: multi('event y() {}'),

  email: { valid: [['John.Doe@Example.COM', 'john.doe@example.com'], ['info[at]example[.]com', 'info@example.com']], invalid: ['john.doe', 'john@example', 'a b@example.com', '@example.com'] },
  'email-src': { valid: ['alice@example.org'], invalid: ['alice@@example.org'] },
  'email-dst': { valid: [['bob@Bücher.de', 'bob@xn--bcher-kva.de']], invalid: ['bob@localhost'] },
  'target-email': { valid: ['victim@example.com'], invalid: ['victim'] },
  'whois-registrant-email': { valid: ['registrant@example.net'], invalid: ['registrant@example.invalidtld'] },
  'dns-soa-email': { valid: [['HostMaster@Example.com', 'HostMaster@example.com']], invalid: ['hostmaster.example.com'] },
  eppn: { valid: ['jdoe@university.edu'], invalid: ['jdoe'] },
  'jabber-id': { valid: [['Romeo@Montague.NET/orchard', 'Romeo@montague.net/orchard']], invalid: ['romeo/orchard'] },
  'email-subject': single('Your invoice'), 'email-attachment': multi('invoice.pdf.exe'),
  'email-body': multi('Hello,\nplease see attached.'), 'email-header': multi('Received: from x'),
  'email-dst-display-name': single('Bob'), 'email-src-display-name': single('Alice'),
  'email-reply-to': single('reply@example.com'), 'email-x-mailer': single('Microsoft Outlook 16.0'),
  'email-mime-boundary': single('----=_Part_0_12345'), 'email-thread-index': single('AQHT0123456789=='),
  'email-message-id': single('<1234@mail.example.com>'), dkim: single('v=DKIM1; k=rsa; p=MIGf'),
  'dkim-signature': single('v=1; a=rsa-sha256; d=example.com'),

  filename: single('invoice.pdf.exe'), pdb: single('C:\\build\\x.pdb'),
  regkey: { valid: ['HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', ['\\REGISTRY\\MACHINE\\SOFTWARE\\x', 'HKLM\\SOFTWARE\\x']], invalid: ['', 'HKLM\\a\nb'] },
  'regkey|value': { valid: ['HKLM\\Software\\Run|C:\\evil.exe', ['HKCU\\Software\\x|', 'HKCU\\Software\\x|']], invalid: ['HKLM\\Software\\Run', '|value'] },
  'named pipe': single('\\\\.\\pipe\\evil'), mutex: multi('Global\\evil'), 'process-state': multi('running'),
  'windows-scheduled-task': single('\\Microsoft\\Windows\\Updater'),
  'windows-service-name': { valid: ['EvilSvc'], invalid: ['Evil/Svc', 'x'.repeat(257)] },
  'windows-service-displayname': { valid: ['Evil Service'], invalid: ['C:\\evil'] },
  'mime-type': { valid: [['Application/JSON', 'application/json'], 'text/plain; charset=utf-8'], invalid: ['text', 'a/b/c'] },

  'pattern-in-file': multi('evil string'), 'pattern-in-traffic': multi('GET /evil'), 'pattern-in-memory': multi('evil'),
  'filename-pattern': multi('*.evil'), yara: multi('rule x { condition: true }'),
  'stix2-pattern': multi("[file:name = 'x']"), sigma: multi('title: x'), gene: multi('name: x'),
  'kusto-query': multi('DeviceEvents | take 10'),
  'pgp-public-key': multi('-----BEGIN PGP PUBLIC KEY BLOCK-----'), 'pgp-private-key': multi('-----BEGIN PGP PRIVATE KEY BLOCK-----'),

  vulnerability: { valid: ['CVE-2021-44228', ['cve-2014-0160', 'CVE-2014-0160'], ['CVE\u20132019\u201311510', 'CVE-2019-11510']], invalid: ['CVE-2021-123', 'CVE-21-44228', 'Log4Shell'] },
  weakness: { valid: [['cwe-79', 'CWE-79']], invalid: ['CWE-', 'CWE-7a'] },
  cpe: { valid: ['cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*', 'cpe:/a:apache:log4j:2.14.1', ['CPE:2.3:o:microsoft:windows_10:1909:*:*:*:*:*:*:*', 'cpe:2.3:o:microsoft:windows_10:1909:*:*:*:*:*:*:*']], invalid: ['cpe:2.3:a:apache:log4j', 'apache log4j', 'cpe:/x:y'] },
  uuid: { valid: [['5E9A3C5F-0D2B-4F1A-9C3E-1B2A3C4D5E6F', '5e9a3c5f-0d2b-4f1a-9c3e-1b2a3c4d5e6f']], invalid: ['5e9a3c5f0d2b4f1a9c3e1b2a3c4d5e6f', '5e9a3c5f-0d2b-4f1a-9c3e-1b2a3c4d5e6g'] },
  'chrome-extension-id': { valid: [['AAPBDBDOMJKKJKAONFHKKIKFGJLLCLEB', 'aapbdbdomjkkjkaonfhkkikfgjllcleb']], invalid: ['aapbdbdomjkkjkaonfhkkikfgjllclez', 'abc'] },
  'edge-extension-id': { valid: ['jmjflgjpcpepeafmmgdpfkogkghcpiha'], invalid: ['jmjflgjpcpepeafmmgdpfkogkghcpih'] },
  'mobile-application-id': single('com.example.app'), 'azure-application-id': single('00000003-0000-0000-c000-000000000000'),
  'github-username': { valid: ['octocat', 'octo-cat'], invalid: ['-octocat', 'octo_cat', 'a'.repeat(40)] },
  'github-organisation': { valid: ['MISP'], invalid: ['MISP/'] },
  'github-repository': single('MISP/MISP'), 'twitter-id': single('@misp'),
  cortex: { valid: ['{"summary": {"taxonomies": []}}'], invalid: ['{not json'] },

  float: { valid: ['3.14', '-0.5', '6.02e23', '.5'], invalid: ['NaN', '1.2.3', '1e'] },
  integer: { valid: ['42', ['-007', '-7'], ['+5', '5']], invalid: ['4.2', '4a', '--1'] },
  counter: { valid: ['0', ['0012', '12']], invalid: ['-1', '1.5'] },
  'size-in-bytes': { valid: ['1048576'], invalid: ['1 MB'] },
  boolean: { valid: [['true', '1'], ['FALSE', '0'], '1', '0'], invalid: ['yes', '2'] },
  hex: { valid: [['deadBEEF', 'DEADBEEF']], invalid: ['0xdeadbeef', 'de ad'] },
  datetime: { valid: [['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000000+0000'], ['2024-05-01 10:00:00.5+02:00', '2024-05-01T10:00:00.500000+0200'], ['2024-05-01', '2024-05-01T00:00:00.000000+0000']], invalid: ['2024-02-30T00:00:00Z', 'yesterday', '2024-05-01T25:00:00Z'] },
  'whois-creation-date': { valid: ['2010-03-12', '2010-03-12T08:00:00Z'], invalid: ['12/03/2010'] },
  'date-of-birth': { valid: ['1980-02-29'], invalid: ['1981-02-29', '29.02.1980'] },
  'passport-expiration': { valid: ['2030-12-31'], invalid: ['2030-13-01'] },
  'issue-date-of-the-visa': { valid: ['2020-01-15'], invalid: ['2020-1-15'] },

  btc: { valid: ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', ['BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq']], invalid: ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0', 'bc1qAR0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'notanaddress'] },
  dash: { valid: ['XpESxaUmonkq8RaLLp46Brx2K39ggQe226'], invalid: ['YpESxaUmonkq8RaLLp46Brx2K39ggQe226', 'Xshort'] },
  xmr: { valid: [XMR], invalid: [`5${'A'.repeat(94)}`, `4${'A'.repeat(93)}0`] },
  iban: { valid: [['de89 3704 0044 0532 0130 00', 'DE89370400440532013000']], invalid: ['DE89', '1289370400440532013000'] },
  bic: { valid: [['deut de ff 500', 'DEUTDEFF500'], 'DEUTDEFF'], invalid: ['DEUTDEF', 'D3UTDEFF'] },
  'bank-account-nr': { valid: ['0532013000'], invalid: ['0532-0130'] },
  'aba-rtn': { valid: ['011000015'], invalid: ['11000015'] },
  bin: { valid: [['4111 11', '411111']], invalid: ['none'] },
  'cc-number': { valid: [['4111-1111-1111-1111', '4111111111111111']], invalid: ['xxxx'] },
  prtn: { valid: [['0900 123 456', '0900123456']], invalid: ['call me'] },
  'phone-number': { valid: [['0049 (0)30 1234-567', '+49301234567'], ['+1 (555) 010-9999', '+15550109999']], invalid: ['phone', '12+34'] },
  'whois-registrant-phone': { valid: ['+3225551234'], invalid: ['+'] },

  comment: multi('Seen in campaign X'), text: multi('free text'), other: multi('anything'), attachment: multi('report.pdf'),
  anonymised: { valid: [['Anon-ABC', 'anon-abc']], invalid: [''] },
  'identity-card-number': multi('ID123456'),
  'threat-actor': single('APT28'), 'campaign-name': single('Operation X'), 'campaign-id': single('CAMP-1'),
  'malware-type': single('ransomware'), 'target-user': single('jdoe'), 'target-machine': single('WS-042'),
  'target-org': single('ACME'), 'target-location': single('Luxembourg'), 'target-external': single('partner'),
  'whois-registrant-name': single('John Doe'), 'whois-registrant-org': single('ACME'), 'whois-registrar': single('Registrar Inc.'),

  'first-name': multi('John'), 'middle-name': multi('Q'), 'last-name': multi('Public'), 'full-name': multi('John Q Public'),
  'place-of-birth': single('Paris'), gender: single('female'), 'passport-number': single('X1234567'),
  'passport-country': single('LU'), 'redress-number': single('R123'), nationality: single('Luxembourgish'),
  'visa-number': single('V987'), 'primary-residence': single('Luxembourg'), 'country-of-residence': single('LU'),
  'special-service-request': single('WCHR'), 'frequent-flyer-number': single('FF123'),
  'travel-details': single('LUX-CDG'), 'payment-details': single('card'),
  'place-port-of-original-embarkation': single('LUX'), 'place-port-of-clearance': single('CDG'),
  'place-port-of-onward-foreign-destination': single('JFK'), 'passenger-name-record-locator-number': single('ABC123'),
};
