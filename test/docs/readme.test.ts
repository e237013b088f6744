import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRuleMarkdown } from '../../src/report/rule-catalog.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('starts with the install-and-analyse command and the test command', () => {
    const commands = [...readme.matchAll(/```sh\n([^\n]+)\n```/g)].map((m) => m[1]);
    expect(commands[0]).toMatch(/npm ci .*npx connascence analyze \S+/);
    expect(commands[1]).toBe('npm test');
  });

  it('embeds the current rule catalog (regenerate it from renderRuleMarkdown when rules change)', () => {
    expect(readme).toContain(renderRuleMarkdown(ALL_RULES));
  });

  it('has no leftover placeholders', () => {
    expect(readme).not.toMatch(/_PLACEHOLDER/);
  });
});
