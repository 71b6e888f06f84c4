/** Word lists the classifier consults. Private to src/extract. */

/** File extensions that make `name.ext` a file name (lower case). */
export const FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  'exe', 'dll', 'sys', 'drv', 'ocx', 'cpl', 'scr', 'com', 'msi', 'msp', 'msc', 'lnk', 'pif', 'efi',
  'bat', 'cmd', 'ps1', 'psm1', 'psd1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta', 'sct', 'inf', 'reg',
  'doc', 'docx', 'docm', 'dot', 'dotm', 'xls', 'xlsx', 'xlsm', 'xlsb', 'xll', 'xlam', 'ppt', 'pptx', 'pptm', 'ppam',
  'rtf', 'pdf', 'odt', 'ods', 'one', 'chm', 'pub', 'wll',
  'zip', 'rar', '7z', 'gz', 'tgz', 'bz2', 'xz', 'tar', 'cab', 'iso', 'img', 'vhd', 'vhdx', 'dmg', 'pkg', 'deb', 'rpm', 'apk', 'ipa', 'jar', 'war', 'xap', 'appx', 'msix',
  'so', 'elf', 'bin', 'dat', 'tmp', 'log', 'ini', 'cfg', 'conf', 'db', 'sqlite', 'sql', 'bak', 'old', 'dmp', 'pdb', 'key', 'pem', 'crt', 'cer', 'pfx', 'p12',
  'py', 'pyc', 'pyw', 'pl', 'rb', 'sh', 'bash', 'php', 'asp', 'aspx', 'ashx', 'asmx', 'jsp', 'jspx', 'cgi', 'lua', 'go', 'rs', 'c', 'cpp', 'cs', 'java', 'class', 'dex', 'vb', 'au3', 'ahk', 'a3x',
  'txt', 'md', 'csv', 'json', 'xml', 'xsl', 'xslt', 'yml', 'yaml', 'toml', 'html', 'htm', 'mht', 'svg', 'eml', 'msg', 'url', 'desktop', 'plist', 'dylib', 'app', 'kext', 'service', 'timer', 'ko',
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'mp3', 'mp4', 'avi', 'mov', 'wav', 'ttf', 'woff',
  'docx', 'lock', 'locked', 'encrypted', 'crypt', 'enc', 'dotx', 'xltx', 'appref-ms', 'library-ms', 'searchconnector-ms',
]);

/**
 * Top-level domains that are also common file extensions. A non-defanged `x.zip` or
 * `build.sh` is a file name far more often than a domain; a defanged one is a domain.
 */
export const FILE_LIKE_TLDS: ReadonlySet<string> = new Set([
  'zip', 'mov', 'py', 'sh', 'md', 'so', 'pl', 'rs', 'cs', 'js', 'ps', 'sys', 'exe', 'dll', 'bin', 'dat', 'txt',
  'log', 'ini', 'cfg', 'bat', 'cmd', 'vbs', 'doc', 'pdf', 'rar', 'jar', 'apk', 'php', 'asp', 'jsp', 'img', 'iso',
  'app', 'ko', 'lua', 'go', 'rb', 'tar', 'gz', 'xz', 'db', 'cab', 'msi', 'lnk', 'hta', 'reg', 'inf', 'tmp', 'yml', 'json', 'xml', 'html', 'htm', 'mp3', 'mp4', 'csv', 'png', 'jpg', 'gif',
]);

/**
 * Registrable domains (or hosts) of generic Internet infrastructure that a text cites rather than
 * indicates, wherever it stands: code hosting and social media (source links, researcher handles),
 * standards and encyclopaedia pages, ATT&CK, and the certificate authorities whose CRL/OCSP/issuer
 * URLs fill certificate dumps. Deliberately short and publisher-neutral: reference links to
 * research blogs are recognised by structure instead (markup links, reference sections, prose of a
 * structured document; see _layout.ts), so no security vendor needs to be listed here.
 */
export const BENIGN_DOMAINS: ReadonlySet<string> = new Set([
  // code hosting and social media
  'github.com', 'githubusercontent.com', 'twitter.com', 'x.com', 'linkedin.com',
  // standards, encyclopaedia, ATT&CK
  'w3.org', 'ietf.org', 'wikipedia.org', 'attack.mitre.org',
  // certificate authorities and PKI (certificate dumps list their CRL/OCSP/issuer URLs)
  'sectigo.com', 'comodoca.com', 'usertrust.com', 'digicert.com', 'verisign.com', 'globalsign.com', 'letsencrypt.org',
  'lencr.org', 'entrust.net', 'godaddy.com', 'thawte.com', 'geotrust.com', 'symcb.com', 'symcd.com',
]);
