/**
 * Shapes of hard-coded credentials, shared by every front-end. Pure string checks: the front-end
 * decides which literals to pass (every string literal, and the name it is bound to, if any).
 *
 * Precision first (SEC_SECRET is critical): a literal is a credential when it has the shape of a
 * vendor key, or when it is bound to a name whose *head word* is a credential word AND the value
 * itself looks like a secret (not a word, identifier, path, URL, pattern, template or placeholder).
 */
import { identifierWords, shannonEntropy } from './words.js';

export interface SecretShape {
  kind: 'private-key' | 'cloud-key' | 'credential-assignment';
  /** The key shape's name, or the name the literal is bound to. Never the value. */
  name: string;
}

// ---------------------------------------------------------------------------------------------
// Key shapes: found in any string literal, whatever it is bound to.

/** `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN OPENSSH PRIVATE KEY-----`, `-----BEGIN PGP PRIVATE KEY BLOCK-----`... */
const PRIVATE_KEY_HEADER = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
/** PEM/PGP armour header lines between the BEGIN line and the body (`Proc-Type: 4,ENCRYPTED`, `Version: ...`). */
const ARMOUR_HEADER = /^[A-Za-z][\w-]*:\s/;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;
/** One full PEM line; a BEGIN line followed by less is a marker (`startswith(b"-----BEGIN ...")`), a docstring or a template. */
const MIN_KEY_BODY = 64;
/** Random base64 has ~6 bits per character; `AAAA...` or a repeated line is a placeholder. */
const MIN_KEY_BODY_ENTROPY = 4;

/** What ends a line of a key block: a line break, or its `\\n` escape in a literal's source text (f-strings). */
const KEY_LINE_END = /\r?\n|\\r\\n|\\n/g;

/**
 * Whether key material follows the BEGIN line that ends at `from`: optional armour headers, then at
 * least one line of base64. Lines are taken one at a time and the walk stops at the first line that
 * is neither, so it never goes past the next BEGIN line: the walks of all the headers of a text
 * read it once (linear, whatever the number of headers).
 */
function keyBodyFollows(value: string, from: number): boolean {
  let body = '';
  let at = from;
  for (;;) {
    KEY_LINE_END.lastIndex = at;
    const end = KEY_LINE_END.exec(value);
    const line = value.slice(at, end ? end.index : value.length).trim();
    if (!(line === '' && body === '') && !(body === '' && ARMOUR_HEADER.test(line))) {
      if (!BASE64_LINE.test(line)) break;
      body += line;
    }
    if (!end) break;
    at = end.index + end[0].length;
  }
  return body.length >= MIN_KEY_BODY && shannonEntropy(body) >= MIN_KEY_BODY_ENTROPY;
}

/** A BEGIN line followed by key material: optional armour headers, then at least one line of base64. */
function hasPrivateKeyBlock(value: string): boolean {
  for (const header of value.matchAll(PRIVATE_KEY_HEADER)) if (keyBodyFollows(value, header.index + header[0].length)) return true;
  return false;
}

/**
 * Vendor key shapes, anchored on both sides, with the vendor's length and alphabet. `body` is the
 * random part: a run of one character (`ghp_xxxx...`) is a placeholder, not a key.
 */
const CLOUD_KEYS: Array<{ name: string; pattern: RegExp }> = [
  { name: 'AWS access key id', pattern: /(?<![0-9A-Za-z])(?:AKIA|ASIA|ABIA|ACCA)(?<body>[0-9A-Z]{16})(?![0-9A-Za-z])/ },
  {
    name: 'AWS secret access key',
    pattern: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?(?<body>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
  },
  { name: 'GitHub token', pattern: /(?<![0-9A-Za-z_])gh[pousr]_(?<body>[A-Za-z0-9]{36})(?![0-9A-Za-z_])/ },
  { name: 'GitHub token', pattern: /(?<![0-9A-Za-z_])github_pat_(?<body>[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![0-9A-Za-z_])/ },
  { name: 'Google API key', pattern: /(?<![0-9A-Za-z_-])AIza(?<body>[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/ },
  {
    name: 'Slack token',
    pattern: /(?<![0-9A-Za-z-])xox[abposr]-[0-9]{8,13}(?:-[0-9]{8,13}){0,3}-(?<body>[0-9A-Za-z]{16,48})(?![0-9A-Za-z-])/,
  },
  { name: 'Stripe secret key', pattern: /(?<![0-9A-Za-z_])[rs]k_live_(?<body>[0-9A-Za-z]{24,99})(?![0-9A-Za-z_])/ },
];
/** A vendor key's random part carries at least 3 bits per character (16 distinct characters carry 4). */
const MIN_KEY_ENTROPY = 3;
/** Documentation keys (`AKIAIOSFODNN7EXAMPLE`) and marked stand-ins: a real key's random part never spells these. */
const PLACEHOLDER_WORD = /example|placeholder|redacted|changeme|dummy/i;

/** The vendor shapes again, global, to find every occurrence in a long text (keyShapesIn). */
export const CLOUD_KEYS_ALL = CLOUD_KEYS.map(({ name, pattern }) => ({ name, pattern: new RegExp(pattern.source, `${pattern.flags}g`) }));

/** Whether the random part of a vendor key is one (not a placeholder, not a run of one character). */
const isKeyBody = (body: string | undefined): boolean => body !== undefined && !PLACEHOLDER_WORD.test(body) && shannonEntropy(body) >= MIN_KEY_ENTROPY;

/**
 * The key shapes anywhere in a long `text` that is not one literal (a file no parser read), with the
 * offset each starts at: those that start before `before` (the rest is left to the next window of a
 * scan that reads the text in windows). Linear in the text: each pattern is one pass of a regular
 * expression anchored on a fixed prefix, and the key-block walks read each line once.
 */
export function keyShapesIn(text: string, before = text.length): Array<{ shape: SecretShape; index: number }> {
  const found: Array<{ shape: SecretShape; index: number }> = [];
  if (text.includes('PRIVATE KEY')) {
    for (const header of text.matchAll(PRIVATE_KEY_HEADER)) {
      if (header.index >= before) break;
      if (keyBodyFollows(text, header.index + header[0].length)) {
        found.push({ shape: { kind: 'private-key', name: 'private key block' }, index: header.index });
        break;
      }
    }
  }
  for (const key of CLOUD_KEYS_ALL) {
    for (const match of text.matchAll(key.pattern)) {
      if (match.index >= before) break;
      if (isKeyBody(match.groups?.body)) {
        found.push({ shape: { kind: 'cloud-key', name: key.name }, index: match.index });
        break;
      }
    }
  }
  return found;
}

export function findKeyShape(value: string): SecretShape | undefined {
  if (value.includes('PRIVATE KEY') && hasPrivateKeyBlock(value)) return { kind: 'private-key', name: 'private key block' };
  for (const key of CLOUD_KEYS) {
    if (isKeyBody(key.pattern.exec(value)?.groups?.body)) return { kind: 'cloud-key', name: key.name };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Credential names: the head word of the name says it holds a credential.

/** Words that name a credential on their own (`db_password`, `apiToken`, `CLIENT_SECRET`, `DB_PASS`). */
const CREDENTIAL_WORDS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'secret', 'secrets', 'token',
  'credential', 'credentials',
  // Glued compounds seen in Python attributes and option dicts (`apikey`, `authtoken`).
  'apikey', 'apitoken', 'apisecret', 'authtoken', 'accesstoken', 'refreshtoken', 'clientsecret', 'appsecret',
  'secretkey', 'privatekey', 'accesskey',
]);
/** `key` names a credential only after one of these (`api key`, `access key`, `private key`, `secret key`...). */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'master', 'client', 'app', 'consumer', 'license', 'hmac', 'jwt', 'auth']);
/** Words after the credential word that keep the name's meaning (`password_value`, `SECRET_KEY_B64`, `token2`). */
const VALUE_SUFFIXES = new Set(['value', 'str', 'string', 'bytes', 'b64', 'base64', 'hex', 'raw', 'plain', 'plaintext']);
/**
 * Words before the credential word that make the name describe something about the credential, not
 * hold it: `CSRF_HEADER_NAME_TOKEN` (a header's name), `reset_url_token` (a URL part), `prompt_password`.
 */
const DESCRIPTORS = new Set([
  'name', 'names', 'header', 'headers', 'type', 'types', 'kind', 'label', 'field', 'prompt', 'placeholder', 'hint',
  'regex', 'regexp', 'pattern', 'format', 'fmt', 'url', 'uri', 'path', 'file', 'filename', 'env', 'var', 'param',
  'attr', 'attribute', 'column', 'message', 'msg', 'error', 'prefix', 'suffix', 'is', 'has', 'use', 'uses', 'needs', 'requires',
]);
const DIGITS = /^\p{N}+$/u;

/**
 * Whether the head (last) word of `name` is a credential word: `db_password`, `apiToken`,
 * `AWS_SECRET_ACCESS_KEY`, `password2`. Not `passwordField`, `tokenUrl`, `token_type`,
 * `TOKEN_TYPE_IDENT`, `PASSWORD_RESET_TIMEOUT`, `author`, `bypass_cache`, `passThrough`,
 * `CSRF_HEADER_NAME_TOKEN`.
 */
export function isCredentialName(name: string): boolean {
  const words = identifierWords(name);
  let end = words.length;
  while (end > 1 && (DIGITS.test(words[end - 1]!) || VALUE_SUFFIXES.has(words[end - 1]!))) end--;
  const head = words[end - 1];
  if (head === undefined) return false;
  let start: number;
  if (CREDENTIAL_WORDS.has(head) || head.endsWith('password') || head.endsWith('passwd')) start = end - 1;
  else if (head === 'key' && end >= 2 && KEY_QUALIFIERS.has(words[end - 2]!)) start = end - 2;
  else return false;
  return !words.slice(0, start).some((word) => DESCRIPTORS.has(word));
}

// ---------------------------------------------------------------------------------------------
// Secret values: what a password, token or key looks like, and what it does not.

/** Shorter literals are never credentials. */
export const MIN_SECRET_LENGTH = 8;
/** `${TOKEN}`, `{{ token }}`, `{0}`, `{name}`, `%s`, `%(password)s`, `<token>`, `[REDACTED]` (`$TOKEN` and `%TOKEN%` are words). */
const TEMPLATE = /\$\{|\{\{|\{[\p{L}\p{N}_.]*\}|%[-+ #0]*(?:[1-9]\d*)?(?:\.\d+)?[sdifrxXo](?![\p{L}\p{N}])|%\([\w.]+\)|^<[^<>]+>$|^\[[^[\]]+\]$|process\.env|os\.environ/u;
/** Masked or filler values: `xxxxxxxx`, `********`, `sk_test_XXXX...`, `aaaaaaaa`. */
const FILLER = /([xX*#.•_-])\1{3,}|(.)\2{5,}/u;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
/** The password of `scheme://user:password@host`. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@:\s]*:([^/@\s]+)@/i;
const OTHER_URI = /^(?:mailto|urn|data|file|tel|about|javascript):/i;
const EMAIL = /^[^@\s]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;
const PATH = /^(?:\/|\.{1,2}[/\\]|~[/\\]|[A-Za-z]:[/\\])/;
const FILE_NAME = /\.(?:pem|key|crt|cer|der|csr|p8|p12|pfx|jks|keystore|pub|gpg|asc|json|ya?ml|toml|ini|cfg|conf|env|txt|xml|db|sqlite3?|log|js|ts|py)$/i;
/** Regular expressions and glob patterns: `(?:...)`, `\d`, `[^"]`, `.*`, `[a-z]`, `{2,5}`. */
const PATTERN = /\(\?[:=!<P]|\\[dwsbDWSB]|\[\^|\.\*|\.\+|\[[\p{L}\p{N}]-[\p{L}\p{N}]|\{\d+(?:,\d*)?\}|\*\*\//u;
/** Password hashes (modular crypt `$2b$...`, Django `pbkdf2_sha256$...`): derived from a secret, not the secret. */
const PASSWORD_HASH = /^(?:\$(?:2[abxy]?|[1-9]|argon2(?:id|i|d)?|scrypt|pbkdf2[\w-]*)\$|(?:pbkdf2_sha\d+|argon2|bcrypt(?:_sha256)?|scrypt|sha1|md5|unsalted_(?:md5|sha1)|crypt)\$)/;
const LETTER = /\p{L}/u;
/** A word, optionally with a short number before (`2fa`) or after (`v1`, `sha256`, `password123`). */
const WORD_CHUNK = /^(\p{N}{0,2})(\p{L}[\p{L}\p{M}]*)(\p{N}{0,4})$/u;
const CASE_PART = /\p{Lu}?[\p{Ll}\p{M}]+|\p{Lu}+(?![\p{Ll}])|\p{Lu}/gu;
const HAS_LOWER = /\p{Ll}/u;
const VOWEL = /[aeiouyäöüàáâèéêìíîòóôùúûåæø]|[^\p{ASCII}]/iu;
/** Letters without a vowel this long are not a word (`qzmwpfhk`), short ones may be (`https`, `pwd`). */
const MIN_VOWELLESS = 6;
/** Average camel-part length below this is random casing (`hGtRkLpQwZx`), not `KeyAgreement` or `XMLHttpRequest`. */
const MIN_CAMEL_PART = 3;
/** Below this, the value repeats a few characters (`abcabcabc`, `a1a1a1a1`). */
const MIN_VALUE_ENTROPY = 2.5;

/** A run of letters that reads as words: one case, or camel/Pascal case with word-length parts, and vowels. */
function isWordLetters(letters: string): boolean {
  const parts = letters.match(CASE_PART) ?? [letters];
  if (letters.length / parts.length < MIN_CAMEL_PART && parts.length > 1) return false;
  return parts.every((part) => part.length < MIN_VOWELLESS || !HAS_LOWER.test(part) || VOWEL.test(part));
}

/**
 * Words, identifiers and sentinels: every run of letters and digits is a word with at most a short
 * number around it (`_sa_default`, `eventlog-auth-v1`, `~effect/crypto/PrivateKey`, `X-CSRF-Token`,
 * `DB_PASSWORD`, `auth.User`, `twisted@twistedmatrix.com`). Not `f3a9c2d1`, `S3CuR1Ty`, `hunter2hunter2`.
 */
export function isWordLike(value: string): boolean {
  return value
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((chunk) => chunk !== '')
    .every((chunk) => {
      if (/^\p{N}+$/u.test(chunk)) return true;
      const word = WORD_CHUNK.exec(chunk);
      return word !== null && isWordLetters(word[2]!);
    });
}

/**
 * Whether a literal bound to a credential name looks like a secret: 8+ characters without
 * whitespace, not a template, placeholder (`<token>`, `...EXAMPLE`, `changeme`), filler, URL without a password, email address, path,
 * file name, pattern, password hash, word or identifier; with letters, and enough entropy.
 */
export function looksLikeSecret(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH || /\s/.test(value)) return false;
  if (URL.test(value)) {
    const password = URL_PASSWORD.exec(value)?.[1];
    return password !== undefined && looksLikeSecret(decodeURIComponentSafe(password));
  }
  if (OTHER_URI.test(value) || EMAIL.test(value) || PATH.test(value) || FILE_NAME.test(value)) return false;
  if (TEMPLATE.test(value) || FILLER.test(value) || PLACEHOLDER_WORD.test(value) || PATTERN.test(value) || PASSWORD_HASH.test(value)) return false;
  if (!LETTER.test(value) || isWordLike(value)) return false;
  return shannonEntropy(value) >= MIN_VALUE_ENTROPY;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `aws_secret_access_key`, `AWS_SECRET`, `awsSecretKey`: the AWS secret goes by the key shape's name. */
function isAwsSecretName(name: string): boolean {
  const words = identifierWords(name);
  return words.includes('secret') && (words.includes('aws') || words.join(' ').includes('secret access key'));
}
const AWS_SECRET_VALUE = /^[A-Za-z0-9/+]{40}$/;

/** A string literal of 8+ characters bound to a credential name, whose value looks like a secret. */
export function isCredentialAssignment(name: string, value: string): boolean {
  return isCredentialName(name) && looksLikeSecret(value);
}

/**
 * The secret in one string literal, if any: a key shape anywhere in `value`, else a credential
 * assignment when the literal is bound to `name`. One literal gives at most one secret.
 */
export function findSecret(value: string, name: string | undefined): SecretShape | undefined {
  const shape = findKeyShape(value);
  if (shape) return shape;
  if (name === undefined || !isCredentialAssignment(name, value)) return undefined;
  if (AWS_SECRET_VALUE.test(value) && isAwsSecretName(name)) return { kind: 'cloud-key', name: 'AWS secret access key' };
  return { kind: 'credential-assignment', name };
}
