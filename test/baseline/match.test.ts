/**
 * The matching rules of src/baseline/match.ts on their own (the end-to-end cases are in
 * accepts-only-what-it-names.test.ts): which entry a finding may take, by severity and evidence.
 */
import { describe, expect, it } from 'vitest';
import { contentOf, matchBaseline, pathsIn, type BaselineScope } from '../../src/baseline/match.js';
import type { BaselineEntry } from '../../src/baseline/format.js';
import type { Finding, Severity } from '../../src/rules/types.js';
import { enclosingFunctions } from '../../src/rules/shared/enclosing.js';
import type { FunctionFact } from '../../src/facts/types.js';

const finding = (ruleId: string, file: string, severity: Severity, message: string, fingerprint = 'f-new'): Finding => ({ ruleId, file, severity, message, fingerprint, line: 1, column: 1 });
const entry = (rule: string, path: string, message: string, fingerprint = 'f-old'): BaselineEntry => ({ rule, path, message, fingerprint });

/** Files that exist, with moves on evidence (from -> to). */
function scope(files: string[], moves: Record<string, string[]> = {}, otherRoot = false): BaselineScope & { asked: number } {
  const present = new Set(files);
  const s = {
    asked: 0,
    seen: (path: string) => present.has(path),
    exists: (path: string) => present.has(path),
    wouldAnalyse: () => true,
    otherRoot,
    moves: (gone: readonly string[], candidates: readonly string[]) => {
      s.asked++;
      return new Map(gone.map((from) => [from, (moves[from] ?? []).filter((to) => candidates.includes(to))]));
    },
  };
  return s;
}

describe('paths in messages', () => {
  it('blanks source paths with their line numbers, sentence punctuation kept, in one pass', () => {
    expect(contentOf('Import cycle: src/a.ts -> lib/b.py -> src/a.ts.')).toBe('Import cycle: <path> -> <path> -> <path>.');
    expect(contentOf('Same code as src/x.tsx:12-40 and @scope/pkg/y.mjs:3')).toBe('Same code as <path> and <path>');
    expect(pathsIn('Import cycle: src/a.ts -> lib/b.py -> src/a.ts.')).toEqual(['src/a.ts', 'lib/b.py', 'src/a.ts']);
    expect(contentOf('version 1.2.3 of a.b.c')).toBe('version 1.2.3 of a.b.c');
    // A hostile message: long runs of path characters without an extension stay linear.
    const hostile = `${'a/'.repeat(2000)}${'.'.repeat(2000)}x`;
    expect(pathsIn(hostile)).toEqual([]);
  });
});

describe('matchBaseline', () => {
  it('takes a medium entry of a gone file only in a file it moved to on evidence, never a critical one', () => {
    const entries = [entry('CON_POSITION', 'old.py', 'run takes 5 positional parameters (maximum 3).'), entry('SEC_SHELL', 'old.py', 'os.system runs a shell command')];
    const findings = [
      finding('CON_POSITION', 'other.py', 'medium', 'run takes 5 positional parameters (maximum 3).'),
      finding('SEC_SHELL', 'new.py', 'critical', 'os.system runs a shell command'),
      finding('CON_POSITION', 'new.py', 'medium', 'run takes 5 positional parameters (maximum 3).'),
    ];
    const match = matchBaseline(entries, findings, scope(['other.py', 'new.py'], { 'old.py': ['new.py'] }));
    expect(match.states).toEqual(['new', 'new', 'unchanged']);
    expect(match.stale.map((e) => e.rule)).toEqual(['SEC_SHELL']);
    // Without evidence: nothing moves, both entries are stale.
    const none = matchBaseline(entries, findings, scope(['other.py', 'new.py']));
    expect(none.states).toEqual(['new', 'new', 'new']);
    expect(none.stale).toHaveLength(2);
  });

  it('under another root matches medium and low entries in their own file only', () => {
    const entries = [entry('CON_POSITION', 'a.py', 'run takes 5 positional parameters (maximum 3).'), entry('SEC_SHELL', 'a.py', 'os.system runs a shell command')];
    const findings = [
      finding('CON_POSITION', 'b.py', 'medium', 'run takes 5 positional parameters (maximum 3).'),
      finding('CON_POSITION', 'a.py', 'medium', 'run takes 5 positional parameters (maximum 3).'),
      finding('SEC_SHELL', 'a.py', 'critical', 'os.system runs a shell command'),
    ];
    const match = matchBaseline(entries, findings, scope(['a.py', 'b.py'], {}, true));
    expect(match.states).toEqual(['new', 'unchanged', 'new']);
    expect(match.absent.map((e) => e.rule)).toEqual(['SEC_SHELL']);
  });

  it('asks for evidence once, and not at all when nothing is gone', () => {
    const entries = Array.from({ length: 1000 }, (_, i) => entry('CON_POSITION', `gone${i}.py`, 'run takes 5 positional parameters (maximum 3).'));
    const findings = Array.from({ length: 1000 }, (_, i) => finding('CON_POSITION', `here${i}.py`, 'medium', 'run takes 5 positional parameters (maximum 3).'));
    const files = findings.map((f) => f.file);
    const s = scope(files, Object.fromEntries(entries.map((e, i) => [e.path, [`here${i}.py`]])));
    const match = matchBaseline(entries, findings, s);
    expect(s.asked).toBe(1);
    expect(match.states.every((state) => state === 'unchanged')).toBe(true);
    // Each moved entry went to its own file, not the first file with the same message.
    expect([...match.taken].every(([i, e]) => e.path === `gone${i}.py`)).toBe(true);
    const exact = scope(files);
    matchBaseline(findings.map((f) => entry(f.ruleId, f.file, f.message, f.fingerprint)), findings, exact);
    expect(exact.asked).toBe(0);
  });
});

describe('enclosingFunctions', () => {
  const fn = (name: string, line: number, endLine: number): FunctionFact => ({ name, line, column: 1, endLine, endColumn: 1 }) as FunctionFact;
  it('names the innermost function by its qualified name, <module> outside any', () => {
    const functions = [fn('outer', 1, 10), fn('inner', 3, 5), fn('Class.method', 12, 20), fn('<anonymous>', 14, 15)];
    const at = [{ line: 4, column: 3 }, { line: 7, column: 3 }, { line: 11, column: 1 }, { line: 14, column: 9 }, { line: 18, column: 2 }, { line: 30, column: 1 }];
    expect(enclosingFunctions(functions, at)).toEqual(['outer.inner', 'outer', '<module>', 'Class.method.<anonymous>', 'Class.method', '<module>']);
  });
});
