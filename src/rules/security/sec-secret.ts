import { type FileRule } from '../types.js';
import { enclosingFunctions } from '../shared/enclosing.js';
import { safetyKey } from '../shared/safety-key.js';
import { ALL_LANGUAGES, alwaysOn } from '../shared/presets.js';

/** SEC_SECRET: hard-coded credentials. */
export const secSecret: FileRule = {
  scope: 'file',
  meta: {
    id: 'SEC_SECRET',
    family: 'security',
    defaultSeverity: 'critical',
    description: 'Hard-coded credential: private-key block, cloud key shape, or a literal assigned to a password/secret/token name.',
    rationale: 'A secret in the source is in every clone, fork, backup and CI log of the repository, and cannot be rotated without a release (CWE-798).',
    languages: ALL_LANGUAGES,
    safety: true,
    presets: alwaysOn(),
    messages: {
      /** Message ids are the `SecretFact` kinds. */
      'private-key': 'A private key block is embedded in the source.',
      'cloud-key': 'A hard-coded {{name}} is embedded in the source.',
      'credential-assignment': '{{name}} is assigned a hard-coded credential: read it from the environment or a secret store.',
    },
    docs: {
      whatItDoes:
        'Reports a string literal that holds a secret, in two ways. ' +
        '(1) Key shapes, anywhere in any literal: a private-key block (`-----BEGIN ... PRIVATE KEY-----` followed by key material; a lone BEGIN line is a marker) and the shapes of AWS access key ids and secret access keys, GitHub (`ghp_`, `gho_`, `github_pat_`...), Slack (`xox?-`), Stripe (`sk_live_`, `rk_live_`) and Google (`AIza`) keys, with the vendor\'s length and alphabet, a random-looking body, and no `EXAMPLE`/`changeme`-style stand-in. ' +
        '(2) Credential assignments: a literal bound to a name (a variable, property, dict key, keyword argument or parameter default) whose *last word* is a credential word. Names are split into words first (camelCase, PascalCase, snake_case, SCREAMING_CASE): `db_password`, `apiToken`, `CLIENT_SECRET`, `AWS_SECRET_ACCESS_KEY` are credential names; `author`, `tokenizer_mode`, `bypass_cache`, `passThrough`, `TOKEN_TYPE_IDENT` and `CSRF_HEADER_NAME_TOKEN` (a header\'s name) are not. `key` counts only after `api`, `access`, `private`, `secret`, `signing`... ' +
        'The value must then look like a secret: 8+ characters, no whitespace, letters, enough entropy, and not a word or identifier (`"_sa_default"`, `"bearer"`), a regular expression, a template or placeholder (`"<token>"`, `"${TOKEN}"`, `"%(password)s"`), masked filler (`"********"`), a path or file name, a URL without a password, or a password hash. The secret itself is never stored or printed.',
      whyIsThisBad:
        'Credentials in source code leak with the code: to everybody with read access, to forks, to build logs and to backups. Rotating them requires a code change and a release (CWE-798).',
      example: "const apiToken = 'f3a9c2d17be04e55';",
      useInstead: 'const apiToken = process.env.API_TOKEN;',
    },
  },
  check(facts) {
    const scopes = enclosingFunctions(facts.functions, facts.secrets);
    return facts.secrets.map((secret, i) => ({
      messageId: secret.kind,
      data: { name: secret.name },
      line: secret.line,
      column: secret.column,
      // The kind, the name and the function it is in (never the secret): a baseline entry accepts this one only.
      key: safetyKey(`${secret.kind}:${secret.name}`, scopes[i]!),
    }));
  },
};
