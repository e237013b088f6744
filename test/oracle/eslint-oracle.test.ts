/**
 * Oracle: our complexity, positional parameters, nesting depth and code lines for every JS/TS
 * function must equal ESLint's own `complexity` (classic), `max-params`, `max-depth` and
 * `max-lines-per-function` (`skipComments`, `skipBlankLines`, IIFEs included) rules.
 *
 * A small recording rule collects ESLint's function nodes; each ESLint report is mapped to its
 * function through ESLint's own head location (complexity, max-params) or range (max-depth).
 * Functions are matched to ours by their start position (for methods: the method definition).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/facts/types.js';
import { extractJavaScript } from '../../src/languages/javascript/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/oracle/js/', import.meta.url));

interface Loc {
  line: number;
  column: number;
}
interface EslintFunction {
  key: string;
  head: string;
  start: Loc;
  end: Loc;
  isFunction: boolean;
  complexity?: number;
  params: number;
  depth: number;
  codeLines?: number;
}

type AnyNode = Rule.Node & { parent: AnyNode; method?: boolean; kind?: string; body?: unknown; loc: { start: Loc; end: Loc } };

const at = (loc: Loc): string => `${loc.line}:${loc.column + 1}`;
const before = (a: Loc, b: Loc): boolean => a.line < b.line || (a.line === b.line && a.column <= b.column);

function recorder(out: EslintFunction[]): Rule.RuleModule {
  return {
    create(context) {
      const record = (node: AnyNode): void => {
        if (!node.body) return;
        const parent = node.parent;
        const isMethod = parent.type === 'MethodDefinition' || (parent.type === 'Property' && (parent.method === true || parent.kind !== 'init'));
        const headOwner = ['Property', 'MethodDefinition', 'PropertyDefinition'].includes(parent.type);
        let head = node.loc.start;
        if (headOwner) head = parent.loc.start;
        else if (node.type === 'ArrowFunctionExpression') {
          head = context.sourceCode.getTokenBefore(node.body as Rule.Node, (t) => t.value === '=>')!.loc.start;
        }
        const start = isMethod ? parent.loc.start : node.loc.start;
        out.push({ key: at(start), head: at(head), start: node.loc.start, end: node.loc.end, isFunction: true, params: 0, depth: 0 });
      };
      const container = (node: AnyNode): void => {
        out.push({ key: '', head: '', start: node.loc.start, end: node.loc.end, isFunction: false, params: 0, depth: 0 });
      };
      return {
        FunctionDeclaration: record,
        FunctionExpression: record,
        ArrowFunctionExpression: record,
        StaticBlock: container,
      } as Rule.RuleListener;
    },
  };
}

function innermost(functions: EslintFunction[], line: number, column: number): EslintFunction | undefined {
  const pos = { line, column: column - 1 };
  let best: EslintFunction | undefined;
  for (const fn of functions) {
    if (before(fn.start, pos) && before(pos, fn.end) && (!best || before(best.start, fn.start))) best = fn;
  }
  return best;
}

function eslintMetrics(file: string, code: string): EslintFunction[] {
  const functions: EslintFunction[] = [];
  const isTs = /\.tsx?$/.test(file);
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.js', '**/*.ts', '**/*.tsx'],
        languageOptions: isTs
          ? { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: file.endsWith('.tsx') } } }
          : { ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { oracle: { rules: { functions: recorder(functions) } } },
        rules: {
          'oracle/functions': 'error',
          complexity: ['error', 0],
          'max-params': ['error', { max: 0, countThis: 'never' }],
          'max-depth': ['error', 0],
          'max-lines-per-function': ['error', { max: 0, skipComments: true, skipBlankLines: true, IIFEs: true }],
        },
      },
    ],
    file,
  );
  const byHead = new Map(functions.filter((f) => f.isFunction).map((f) => [f.head, f]));
  for (const message of messages) {
    expect(message.fatal, `${file}: ${message.message}`).not.toBe(true);
    const head = `${message.line}:${message.column}`;
    if (message.ruleId === 'complexity' && byHead.has(head)) byHead.get(head)!.complexity = Number(/complexity of (\d+)/.exec(message.message)![1]);
    if (message.ruleId === 'max-params' && byHead.has(head)) byHead.get(head)!.params = Number(/\((\d+)\)/.exec(message.message)![1]);
    if (message.ruleId === 'max-lines-per-function' && byHead.has(head)) byHead.get(head)!.codeLines = Number(/too many lines \((\d+)\)/.exec(message.message)![1]);
    if (message.ruleId === 'max-depth') {
      const owner = innermost(functions, message.line, message.column);
      if (owner) owner.depth = Math.max(owner.depth, Number(/\((\d+)\)/.exec(message.message)![1]));
    }
  }
  return functions.filter((f) => f.isFunction);
}

const files = readdirSync(FIXTURES).filter((f) => /\.(js|ts|tsx)$/.test(f));

describe('ESLint oracle: complexity, max-params, max-depth, max-lines-per-function', () => {
  it('has fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    it(`matches ESLint on ${file}`, () => {
      const code = readFileSync(join(FIXTURES, file), 'utf8');
      const language: Language = file.endsWith('.js') ? 'javascript' : 'typescript';
      const facts = extractJavaScript({ path: `fixtures/${file}`, language, content: code });
      expect(facts.parseError).toBeUndefined();
      const expected = eslintMetrics(file, code).map((f) => ({ at: f.key, complexity: f.complexity, params: f.params, depth: f.depth, codeLines: f.codeLines }));
      const actual = facts.functions.map((f) => ({ at: `${f.line}:${f.column}`, complexity: f.complexity, params: f.positionalParams, depth: f.maxDepth, codeLines: f.codeLines }));
      const sort = (a: { at: string }, b: { at: string }): number => a.at.localeCompare(b.at, 'en', { numeric: true });
      if (process.env.ORACLE_DEBUG) console.log(file, JSON.stringify(expected.sort(sort)));
      expect(actual.sort(sort)).toEqual(expected.sort(sort));
      expect(expected.length).toBeGreaterThan(5);
    });
  }
});
