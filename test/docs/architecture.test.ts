/**
 * The layering of docs/architecture.md "Folders", checked on the imports of src/: what each folder
 * must not import. A change that makes the engine render a report, or the cache reach into the
 * engine, fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/cli.js';

const SRC = join(PROJECT_ROOT, 'src');

/** Folder -> the folders it must not import. */
const FORBIDDEN: Record<string, string[]> = {
  engine: ['cli', 'commands', 'report'],
  cache: ['engine', 'cli', 'commands', 'report', 'baseline', 'shard'],
  report: ['engine', 'cache', 'cli', 'commands', 'baseline', 'shard', 'policy'],
  model: ['engine', 'cache', 'cli', 'commands', 'report', 'baseline', 'shard', 'policy', 'discovery', 'languages'],
  rules: ['engine', 'cache', 'cli', 'commands', 'report', 'baseline', 'shard', 'policy'],
  languages: ['engine', 'cache', 'cli', 'commands', 'report', 'rules', 'policy', 'baseline', 'shard'],
  policy: ['engine', 'cache', 'cli', 'commands', 'report', 'baseline', 'shard'],
  baseline: ['engine', 'cli', 'commands', 'report', 'shard'],
  shard: ['engine', 'cli', 'commands', 'report', 'baseline'],
  compare: ['engine', 'cache', 'cli', 'commands', 'report', 'baseline', 'shard'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('folder layering (docs/architecture.md)', () => {
  it('keeps every folder to the imports the architecture allows', () => {
    const violations: string[] = [];
    for (const [folder, forbidden] of Object.entries(FORBIDDEN)) {
      for (const file of sources(join(SRC, folder))) {
        for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.\.?\/[^']+)'/g)) {
          const target = relative(SRC, join(file, '..', match[1]!)).split('/')[0]!;
          if (forbidden.includes(target)) violations.push(`${relative(SRC, file)} imports ${match[1]}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
