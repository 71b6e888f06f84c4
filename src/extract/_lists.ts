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
 * Registrable domains of well-known benign infrastructure that reports cite rather than
 * indicate: security publishers and vendors, certificate authorities, standards bodies, code
 * hosting and social media. The same idea as MISP's warninglists, kept small and built in so
 * the extractor needs nothing at run time.
 */
export const BENIGN_DOMAINS: ReadonlySet<string> = new Set([
  // security research publishers and vendors
  'welivesecurity.com', 'eset.com', 'avast.io', 'avast.com', 'avg.com', 'gendigital.com', 'norton.com', 'nortonlifelock.com',
  'recordedfuture.com', 'mandiant.com', 'fireeye.com', 'crowdstrike.com', 'paloaltonetworks.com', 'unit42.paloaltonetworks.com',
  'kaspersky.com', 'securelist.com', 'trendmicro.com', 'sophos.com', 'symantec.com', 'broadcom.com', 'mcafee.com', 'trellix.com',
  'checkpoint.com', 'proofpoint.com', 'talosintelligence.com', 'cisco.com', 'sentinelone.com', 'microsoft.com', 'bitdefender.com',
  'malwarebytes.com', 'fortinet.com', 'f-secure.com', 'withsecure.com', 'zscaler.com', 'volexity.com',
  'virustotal.com', 'mitre.org', 'misp-project.org', 'circl.lu', 'cisa.gov', 'us-cert.gov', 'nist.gov', 'first.org',
  'bleepingcomputer.com', 'therecord.media', 'thehackernews.com', 'securityweek.com', 'malpedia.caad.fkie.fraunhofer.de',
  // certificate authorities and PKI
  'sectigo.com', 'comodoca.com', 'comodo.com', 'usertrust.com', 'digicert.com', 'verisign.com', 'globalsign.com',
  'letsencrypt.org', 'lencr.org', 'entrust.net', 'godaddy.com', 'thawte.com', 'geotrust.com', 'certum.pl', 'identrust.com', 'symcb.com', 'symcd.com',
  // code hosting, social media, standards
  'github.com', 'twitter.com', 'x.com', 'linkedin.com', 'w3.org', 'ietf.org', 'wikipedia.org',
]);
