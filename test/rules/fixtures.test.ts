/**
 * Rule fixtures (Ruff-style): test/fixtures/rules/<RULE_ID>/ holds small source files and
 * `expected.json` (standard preset) or `expected.<preset>.json`, each a snapshot of the exact
 * findings `{ file, line, column, rule, message }`, one per line. The real front-ends extract the
 * facts; only the rule under test runs. `UPDATE_FIXTURES=1 npx vitest run test/rules/fixtures.test.ts`
 * rewrites the snapshots from the current rules: review the diff before committing it.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/engine/run-rules.js';
import type { FileFacts } from '../../src/facts/types.js';
import { extractFacts, languageOf } from '../../src/languages/index.js';
import { PRESETS, type PresetName } from '../../src/rules/types.js';
import { onlyRule } from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));
const EXPECTED = /^expected(?:\.([a-z-]+))?\.json$/;

interface Expected {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

const UPDATE = process.env.UPDATE_FIXTURES === '1';

/** One finding per line, keys in a fixed order, so a moved finding is a one-line diff. */
function snapshot(findings: readonly Expected[]): string {
  const lines = findings.map((f) => '  ' + JSON.stringify({ file: f.file, line: f.line, column: f.column, rule: f.rule, message: f.message }));
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

async function factsOf(root: string): Promise<FileFacts[]> {
  const facts: FileFacts[] = [];
  for (const full of walk(root).sort()) {
    const path = relative(root, full).split('\\').join('/');
    const language = languageOf(path);
    if (language) facts.push(await extractFacts({ path, language, content: readFileSync(full, 'utf8') }));
  }
  return facts;
}

const byPosition = (a: Expected, b: Expected): number =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);

const ruleDirs = readdirSync(FIXTURES).filter((name) => statSync(join(FIXTURES, name)).isDirectory()).sort();

describe('rule fixtures', () => {
  for (const ruleId of ruleDirs) {
    const dir = join(FIXTURES, ruleId);
    const expectations = readdirSync(dir).filter((name) => EXPECTED.test(name)).sort();
    it(`${ruleId} has at least one expectation file`, () => {
      expect(expectations.length).toBeGreaterThan(0);
    });
    for (const name of expectations) {
      const preset = (EXPECTED.exec(name)![1] ?? 'standard') as PresetName;
      it(`${ruleId} under ${preset}`, async () => {
        expect(PRESETS).toContain(preset);
        const findings = runRules(await factsOf(dir), onlyRule(ruleId, preset));
        const actual = findings.map((f) => ({ file: f.file, line: f.line, column: f.column, rule: f.ruleId, message: f.message })).sort(byPosition);
        if (UPDATE) writeFileSync(join(dir, name), snapshot(actual));
        const expected = (JSON.parse(readFileSync(join(dir, name), 'utf8')) as Expected[]).sort(byPosition);
        expect(actual).toEqual(expected);
      });
    }
  }
});
