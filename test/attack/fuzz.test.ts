/**
 * Hostile source code: deep nesting of every shape the parsers descend into, and thousands of
 * generated and mutated files. Whatever the input, a run ends with a report (exit 0 or 1), never a
 * crash (signal, exit 4), a hang or a stack trace, and every file is either in the report or listed
 * as skipped. Seeded: a failure names its seed and can be replayed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, PROJECT_ROOT, runCli } from '../helpers/cli.js';
import { seededRandom } from '../helpers/random.js';

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const SEED = Number(process.env.CONNASCENCE_FUZZ_SEED ?? 20261207);
/** Files generated and mutated per language (JS/TS and Python). */
const PER_LANGUAGE = 2_000;

interface Report {
  files: Array<{ path: string }>;
  skipped: Array<{ path: string; reason: string }>;
  findings: Array<{ ruleId: string; file: string; message: string }>;
}

/** Runs `analyze` and checks what every run must hold; returns the report. */
function analyse(root: string, files: readonly string[], extra: readonly string[] = []): Report {
  const result = runCli(['analyze', root, '--no-cache', '--format', 'json', '--fail-on', 'none', ...extra]);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.code, `exit ${result.code}; stderr: ${result.stderr.slice(0, 500)}`).toBe(0);
  const report = JSON.parse(result.stdout) as Report;
  const seen = new Set([...report.files.map((f) => f.path), ...report.skipped.map((s) => s.path)]);
  expect(files.filter((f) => !seen.has(f))).toEqual([]);
  return report;
}

const r = (unit: string, n: number): string => unit.repeat(n);

/** Deep shapes, `n` levels each: every way the parsers recurse, and text that only looks deep. */
function deepShapes(n: number): Record<string, string> {
  return {
    'parens.js': `${r('(', n)}1${r(')', n)}`,
    'objects.js': `x = ${r('{a:', n)}1${r('}', n)}`,
    'blocks.js': `${r('{', n)}${r('}', n)}`,
    'ternary-alternate.js': `x = ${r('a ? b : ', n)}c`,
    'ternary-consequent.js': `x = ${r('a ? ', n)}b${r(' : c', n)}`,
    'assign.js': `${r('a = ', n)}1`,
    'arrow.js': `f = ${r('() => ', n)}1`,
    'unary.js': `x = ${r('- ', n)}1`,
    'typeof.js': `${r('typeof ', n)}a`,
    'await.mjs': `async function f() { return ${r('await ', n)}a }`,
    'yield.js': `function* f() { ${r('yield ', n)}a }`,
    'new.js': `${r('new ', n)}X`,
    'member.js': `a${r('.b', n)}`,
    'call.js': `a${r('()', n)}`,
    'add.js': `x = ${r('a + ', n)}a`,
    'power.js': `x = ${r('a ** ', n)}a`,
    'nullish.js': `${r('a ?? ', n)}a`,
    'spread.js': `x = ${r('[...', n)}a${r(']', n)}`,
    'template.js': `x = ${r('`${', n)}a${r('}`', n)}`,
    'jsx.jsx': `x = ${r('<a>', n)}${r('</a>', n)}`,
    'else-if.js': `${r('if (a) {} else ', n)}{}`,
    'labels.js': `${r('a: ', n)};`,
    'for.js': `${r('for (;;) ', n)}x;`,
    'string-brackets.js': `x = "${r('(', n)}"`,
    'comment-brackets.js': `// ${r('(', n)}\n`,
    'regex-brackets.js': `x = /${r('\\(', n)}[(]/`,
    'template-text.js': `x = \`${r('(', n)}\``,
    'type-args.ts': `type T = ${r('A<', n)}B${r('>', n)}`,
    'type-union.ts': `type T = ${r('A | ', n)}B`,
    'array-type.ts': `type T = B${r('[]', n)}`,
    'function-type.ts': `type T = ${r('() => ', n)}B`,
    'conditional-type.ts': `type T = ${r('A extends B ? C : ', n)}D`,
    'generic-call.ts': `f${r('<A', n)}${r('>', n)}()`,
    'generic-arrow.tsx': `const f = ${r('<T,>() => ', n)}1`,
    'parens.py': `x = ${r('(', n)}1${r(')', n)}\n`,
    'lists.py': `x = ${r('[', n)}${r(']', n)}\n`,
    'add.py': `x = ${r('a + ', n)}a\n`,
    'power.py': `x = ${r('a ** ', n)}a\n`,
    'subscript.py': `x = a${r('[0]', n)}\n`,
    'call.py': `x = a${r('()', n)}\n`,
    'attribute.py': `x = a${r('.b', n)}\n`,
    'not.py': `x = ${r('not ', n)}a\n`,
    'lambda.py': `x = ${r('lambda: ', n)}a\n`,
    'ternary.py': `x = ${r('a if b else ', n)}c\n`,
    'string.py': `x = "${r('(', n)}"\n`,
  };
}

/** Pieces a mutation inserts: brackets, quotes, comment and template openers, odd characters. */
const PIECES = ['(', ')', '[', ']', '{', '}', '<', '>', "'", '"', '`', '${', '/*', '*/', '//', '#', '\\', '\n', '\r', '\t', ':', '?', '=', '=>', ',', ';', '<a>', '</a>', '"""', 'f"{', '\0', '\u2028', '\uD800', '\uFFFF', '\u001b[2J', 'lambda', 'def ', 'class ', 'if ', 'yield ', 'await ', 'new ', '...', '**', '@'];

/** `count` files of one language: seeds mutated 1-6 times, token soup, and repeated slices (deep). */
function fuzzFiles(seeds: readonly string[], extensions: readonly string[], count: number, next: (n: number) => number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let k = 0; k < count; k++) {
    const extension = extensions[next(extensions.length)]!;
    let text: string;
    const kind = next(10);
    if (kind < 6) {
      text = seeds[next(seeds.length)]!;
      for (let m = 1 + next(6); m > 0; m--) {
        const at = next(text.length + 1);
        const op = next(5);
        if (op === 0) text = text.slice(0, at) + PIECES[next(PIECES.length)]! + text.slice(at);
        else if (op === 1) text = text.slice(0, at) + text.slice(at + 1 + next(40));
        else if (op === 2) text = text.slice(0, at);
        else if (op === 3) text = text.slice(0, at) + r(text.slice(at, at + 1 + next(8)), 1 + next(1_500)) + text.slice(at);
        else text = text.slice(0, at) + r(PIECES[next(PIECES.length)]!, 1 + next(2_000)) + text.slice(at);
      }
    } else if (kind < 9) {
      const parts: string[] = [];
      for (let t = 20 + next(400); t > 0; t--) parts.push(PIECES[next(PIECES.length)]!, next(3) === 0 ? ' x ' : '');
      text = parts.join('');
    } else {
      const shapes = Object.values(deepShapes(1 + next(3_000)));
      text = shapes[next(shapes.length)]!;
    }
    files[`f${k}${extension}`] = text;
  }
  return files;
}

function seedsOf(extensions: readonly string[]): string[] {
  const dir = join(PROJECT_ROOT, 'test/fixtures/rules');
  const seeds: string[] = [];
  for (const rule of readdirSync(dir)) {
    for (const name of readdirSync(join(dir, rule))) {
      if (extensions.some((e) => name.endsWith(e))) seeds.push(readFileSync(join(dir, rule, name), 'utf8'));
    }
  }
  return seeds;
}

describe('hostile source code', () => {
  it('reports every shape nested 100,000 deep as a parse error or parses it, with no crash', () => {
    const shapes = deepShapes(100_000);
    const root = makeTree(shapes);
    const report = analyse(root, Object.keys(shapes), ['--max-file-size', '8MB']);
    const parseErrors = new Map(report.findings.filter((f) => f.ruleId === 'PARSE_ERROR').map((f) => [f.file, f.message]));
    // What oxc nests on: reported, never parsed (they crashed the process with SIGSEGV).
    for (const name of ['parens.js', 'assign.js', 'arrow.js', 'new.js', 'yield.js', 'power.js', 'jsx.jsx', 'else-if.js', 'labels.js', 'for.js', 'ternary-alternate.js', 'type-args.ts', 'function-type.ts', 'conditional-type.ts', 'generic-call.ts', 'template.js', 'spread.js']) {
      expect(parseErrors.get(name), name).toContain('levels deep');
    }
    // Text that only looks deep, and left-nested chains oxc parses in a loop: analysed.
    for (const name of ['string-brackets.js', 'comment-brackets.js', 'regex-brackets.js', 'template-text.js', 'member.js', 'call.js', 'add.js', 'nullish.js', 'type-union.ts', 'array-type.ts', 'string.py', 'add.py', 'subscript.py', 'attribute.py', 'call.py']) {
      expect(parseErrors.has(name), name).toBe(false);
    }
  });

  it('survives shallow deep shapes parsed on the main thread (a small run starts no worker)', () => {
    const files: Record<string, string> = {};
    for (const n of [900, 2_000, 5_000]) {
      for (const [name, text] of Object.entries(deepShapes(n))) if (text.length < 60_000) files[`${n}/${name}`] = text;
    }
    analyse(makeTree(files), Object.keys(files));
  });

  it(`analyses ${PER_LANGUAGE} generated and mutated files per language with no crash, hang or lost file (seed ${SEED})`, () => {
    const next = seededRandom(SEED);
    const files = {
      ...fuzzFiles(seedsOf(['.ts', '.js', '.cjs']), ['.ts', '.tsx', '.js', '.jsx', '.mjs'], PER_LANGUAGE, next),
      ...Object.fromEntries(Object.entries(fuzzFiles(seedsOf(['.py']), ['.py'], PER_LANGUAGE, next)).map(([k, v]) => [`py/${k}`, v])),
    };
    expect(Object.keys(files).length).toBe(2 * PER_LANGUAGE);
    const root = makeTree(files);
    analyse(root, Object.keys(files), ['--max-file-size', '8MB']);
  });
});
