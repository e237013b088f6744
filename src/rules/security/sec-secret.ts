import { type FileRule } from '../types.js';
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
        'Reports string literals that contain a private-key block (`-----BEGIN ... PRIVATE KEY-----`) or the shape of a cloud key (AWS, GitHub, Google, Slack, Stripe), and string literals of 8+ characters assigned to names like password, secret, token or api_key (placeholders and sentences are ignored). The secret itself is never printed.',
      whyIsThisBad:
        'Credentials in source code leak with the code: to everybody with read access, to forks, to build logs and to backups. Rotating them requires a code change and a release (CWE-798).',
      example: "const apiToken = 'f3a9c2d17be04e55';",
      useInstead: 'const apiToken = process.env.API_TOKEN;',
    },
  },
  check(facts) {
    return facts.secrets.map((secret) => ({
      messageId: secret.kind,
      data: { name: secret.name },
      line: secret.line,
      column: secret.column,
      key: `${secret.kind}:${secret.name}`,
    }));
  },
};
