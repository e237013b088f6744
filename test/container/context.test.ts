import { describe, expect, it } from 'vitest';
import { extract } from 'tar-stream';
import { EXTRA_CA_PATH, packContext } from '../../src/container/context.js';
import { makeTree } from '../helpers/cli.js';

/** Every file in a packed context, with its content. */
async function entries(dir: string, extraCa?: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      if (header.type === 'file') files.set(header.name, Buffer.concat(chunks).toString('utf8'));
      next();
    });
  });
  const done = new Promise<void>((resolve, reject) => {
    reader.on('finish', () => resolve());
    reader.on('error', reject);
  });
  packContext({ dir, extraCa }).pipe(reader);
  await done;
  return files;
}

describe('packContext', () => {
  it('honours .dockerignore and always provides the build-stage CA file', async () => {
    const dir = makeTree({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': 'node_modules\n*.log\nsecret/\n!keep.log\n',
      'src/a.ts': 'export {};\n',
      'node_modules/x/index.js': '',
      'debug.log': 'noise',
      'keep.log': 'kept',
      'secret/key.pem': 'private',
    });
    const files = await entries(dir);
    expect([...files.keys()].sort()).toEqual(['.connascence-build/extra-ca.pem', '.dockerignore', 'Dockerfile', 'keep.log', 'src/a.ts']);
    expect(files.get(EXTRA_CA_PATH)).toBe('');
  });

  it('injects the extra CA content for the build stages', async () => {
    const dir = makeTree({ Dockerfile: 'FROM scratch\n' });
    const files = await entries(dir, '-----BEGIN CERTIFICATE-----\nMARKER\n-----END CERTIFICATE-----\n');
    expect(files.get(EXTRA_CA_PATH)).toContain('MARKER');
  });
});
