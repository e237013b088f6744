/** Credential names and secret-looking values (src/languages/shared/secrets.ts), the words of identifiers. */
import { describe, expect, it } from 'vitest';
import { findSecret, isCredentialName, isWordLike, looksLikeSecret } from '../../src/languages/shared/secrets.js';
import { identifierWords, shannonEntropy } from '../../src/languages/shared/words.js';

describe('identifierWords', () => {
  it('splits every naming convention into lower-case words', () => {
    expect(identifierWords('apiKey')).toEqual(['api', 'key']);
    expect(identifierWords('ApiKey')).toEqual(['api', 'key']);
    expect(identifierWords('api_key')).toEqual(['api', 'key']);
    expect(identifierWords('API_KEY')).toEqual(['api', 'key']);
    expect(identifierWords('HTTPServerToken')).toEqual(['http', 'server', 'token']);
    expect(identifierWords('oauth2Token')).toEqual(['oauth', '2', 'token']);
    expect(identifierWords('__token__')).toEqual(['token']);
  });
  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcdefgh')).toBe(3);
  });
});

describe('isCredentialName', () => {
  it.each(['password', 'db_password', 'DB_PASSWORD2', 'apiToken', 'api_key', 'AWS_SECRET_ACCESS_KEY', 'clientSecret', 'passwd', 'pwd', 'authToken', 'privateKey', 'credentials', 'SECRET_KEY', 'password_value'])(
    '%s names a credential',
    (name) => expect(isCredentialName(name)).toBe(true),
  );
  it.each([
    'author', 'compass_heading', 'tokenizer_mode', 'authority_host', 'bypass_cache', 'passThrough', 'TOKEN_TYPE_IDENT',
    'CSRF_HEADER_NAME_TOKEN', 'token_type', 'passwordField', 'tokenUrl', 'PASSWORD_RESET_TIMEOUT', 'keyboard', 'monkey', 'primaryKey',
    'secretary', 'tokens_per_second', 'password_prompt', 'is_token', 'encompass',
  ])('%s does not', (name) => expect(isCredentialName(name)).toBe(false));
});

describe('looksLikeSecret', () => {
  it.each(['Tr0ub4dor&3-horse', 'f3a9c2d17be04e55aa', 'S3cr3t!Pa55w0rd', 'q8Zr2LmX0vT4wB7n', 'postgres://app:Xk9#mQ2!vL@db/app'])(
    '%s looks like a secret',
    (value) => expect(looksLikeSecret(value)).toBe(true),
  );
  it.each([
    '_sa_default', '(?:"[^"]*")', '<token>', '${TOKEN}', '{{ token }}', 'bearer', 'changeme', 'your-secret-key', 'correct horse battery',
    'https://example.com/oauth/token', 'postgres://app@db/app', '********', 'sk_test_XXXXXXXXXXXX', './keys/private.pem', 'abcabcabcabc',
    'pbkdf2_sha256$260000$c2FsdA$aGFzaA', '$2b$12$KIXQJ7rLrYHc9yQe8Rw3OeZ', 'X-CSRF-Token', 'access_token', 'PrivateKeyAlgorithm', '%(password)s',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'short',
  ])('%s does not', (value) => expect(looksLikeSecret(value)).toBe(false));
  it('names a word-like value', () => {
    expect(isWordLike('eventlog-auth-v1')).toBe(true);
    expect(isWordLike('f3a9c2d1')).toBe(false);
  });
});

describe('findSecret', () => {
  it('finds vendor key shapes whatever the name, and never names the value', () => {
    expect(findSecret('AKIAQSLOJOLIE8NSB1IA', 'x')).toEqual({ kind: 'cloud-key', name: 'AWS access key id' });
    expect(findSecret('see ghp_4WZwmT2OxHTQi5TMpUFn3NcLSLcwLUKvlsmk here', undefined)).toEqual({ kind: 'cloud-key', name: 'GitHub token' });
    expect(findSecret('pSH5r44wLzwTGV6HJYq/EEyUqj37Xa2fCs+4Gu0G', 'aws_secret_access_key')).toEqual({ kind: 'cloud-key', name: 'AWS secret access key' });
    expect(findSecret('Tr0ub4dor&3-horse', 'db_password')).toEqual({ kind: 'credential-assignment', name: 'db_password' });
  });
  it('ignores placeholders and unbound values', () => {
    expect(findSecret('AKIAIOSFODNN7EXAMPLE', 'awsKey')).toBeUndefined();
    expect(findSecret('ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'token')).toBeUndefined();
    expect(findSecret('Tr0ub4dor&3-horse', undefined)).toBeUndefined();
    expect(findSecret('-----BEGIN RSA PRIVATE KEY-----', 'PEM')).toBeUndefined();
  });
});
