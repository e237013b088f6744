/**
 * Shapes of hard-coded credentials, shared by every front-end. Pure string checks:
 * the front-end decides which literals to pass (string literals assigned to a name).
 */

const PRIVATE_KEY = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/;

const CLOUD_KEYS: Array<{ name: string; pattern: RegExp }> = [
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'Slack token', pattern: /\bxox[abprs]-[0-9A-Za-z-]{10,}\b/ },
  { name: 'Stripe secret key', pattern: /\bsk_live_[0-9A-Za-z]{24,}\b/ },
];

/** Names that hold credentials: password, passwd, secret, token, api_key, apiKey, private_key, auth_token... */
const CREDENTIAL_NAME = /(?:^|[_\-.]|[a-z](?=[A-Z]))(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|auth|credentials?)(?:$|[_\-.A-Z])/i;
const NOT_CREDENTIAL_NAME = /(?:^|_)(?:url|uri|path|file|name|field|label|prompt|placeholder|header|type|kind|regex|pattern|length|min|max|count)$|(?:Url|Uri|Path|File|Name|Field|Label|Prompt|Placeholder|Header|Type|Kind|Regex|Pattern|Length)$/;

export function findKeyShape(value: string): { kind: 'private-key' | 'cloud-key'; name: string } | undefined {
  if (PRIVATE_KEY.test(value)) return { kind: 'private-key', name: 'private key block' };
  for (const key of CLOUD_KEYS) if (key.pattern.test(value)) return { kind: 'cloud-key', name: key.name };
  return undefined;
}

/** A string literal of 8+ characters assigned to a credential-like name, that does not look like a placeholder. */
export function isCredentialAssignment(name: string, value: string): boolean {
  if (value.length < 8) return false;
  if (!CREDENTIAL_NAME.test(name) || NOT_CREDENTIAL_NAME.test(name)) return false;
  if (/\s/.test(value)) return false; // sentences, messages
  if (/^(?:\$\{|\{\{|<|%|process\.env|os\.environ)/.test(value)) return false; // templates/placeholders
  if (/^(?:x+|\*+|changeme|password|example|dummy|placeholder|your[_-].*)$/i.test(value)) return false;
  return true;
}
