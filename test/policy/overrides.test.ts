/** Per-path overrides in the config, end to end through the CLI (README "Configuration"). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from '../helpers/cli.js';

const MANY = 'export function many(a: number, b: number, c: number, d: number, e: number): number {\n  return a + b + c + d + e + 7.5;\n}\n';
const ANY = 'export function loose(x: any): any {\n  return x;\n}\n';
const CYCLE_A = "import { b } from './b';\nexport const a = (): number => b() + 1;\n";
const CYCLE_B = "import { a } from './a';\nexport const b = (): number => a() + 1;\n";

interface Report {
  findings: Array<{ ruleId: string; file: string; severity: string; message: string }>;
}

function analyse(root: string, config: unknown, ...extra: string[]): Report {
  writeFileSync(join(root, 'connascence.config.json'), JSON.stringify(config));
  const result = runCli(['analyze', root, '--format', 'json', '--fail-on', 'none', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const of = (report: Report, rule: string): string[] => report.findings.filter((f) => f.ruleId === rule).map((f) => `${f.file} ${f.severity}`);

describe('overrides', () => {
  it('change a file rule per path, later entries winning, and turn on a rule that is off at the top', () => {
    const root = makeTree({ 'src/a.ts': MANY, 'scripts/b.ts': MANY, 'scripts/old/c.ts': MANY, 'src/loose.ts': ANY });
    const none = analyse(root, {}, '--no-cache');
    expect(of(none, 'CON_POSITION')).toEqual(['scripts/b.ts medium', 'scripts/old/c.ts medium', 'src/a.ts medium']);
    expect(of(none, 'CON_TYPE')).toEqual([]);
    const report = analyse(root, {
      overrides: [
        { files: ['scripts/**'], rules: { CON_POSITION: 'off', CON_MEANING: 'high' } },
        { files: ['scripts/old/**'], rules: { CON_POSITION: { options: { threshold: 4 } } } },
        { files: ['src/loose.ts'], rules: { CON_TYPE: 'on' } },
      ],
    }, '--no-cache');
    // scripts/old: the second entry's options on top of the first's `off`: an object with options turns it on.
    expect(of(report, 'CON_POSITION')).toEqual(['scripts/old/c.ts medium', 'src/a.ts medium']);
    expect(report.findings.find((f) => f.ruleId === 'CON_POSITION' && f.file === 'scripts/old/c.ts')!.message).toContain('(maximum 4)');
    expect(of(report, 'CON_MEANING')).toEqual(['scripts/b.ts high', 'scripts/old/c.ts high', 'src/a.ts low']);
    expect(of(report, 'CON_TYPE').length).toBeGreaterThan(0);
    expect(of(report, 'CON_TYPE').every((f) => f.startsWith('src/loose.ts'))).toBe(true);
  });

  it('drop or re-rate the findings of a project rule in the files they name, and invalidate cached judgements', () => {
    const root = makeTree({ 'src/a.ts': CYCLE_A, 'src/b.ts': CYCLE_B });
    expect(of(analyse(root, {}), 'ARCH_CYCLE')).toEqual(['src/a.ts medium']);
    // The cache of the first run must not answer for other overrides.
    expect(of(analyse(root, { overrides: [{ files: ['src/a.ts'], rules: { ARCH_CYCLE: 'critical' } }] }), 'ARCH_CYCLE')).toEqual(['src/a.ts critical']);
    expect(of(analyse(root, { overrides: [{ files: ['src/*.ts'], rules: { ARCH_CYCLE: 'off' } }] }), 'ARCH_CYCLE')).toEqual([]);
    // An incremental run (one file changed) keeps applying them.
    writeFileSync(join(root, 'src/b.ts'), `${CYCLE_B}// edited\n`);
    expect(of(analyse(root, { overrides: [{ files: ['src/*.ts'], rules: { ARCH_CYCLE: 'off' } }] }), 'ARCH_CYCLE')).toEqual([]);
  });

  it('are validated: an error names the JSON path of the bad key or value (exit 2)', () => {
    const root = makeTree({ 'a.ts': MANY });
    for (const [overrides, message] of [
      [[{ files: ['**'], rules: { NO_SUCH_RULE: 'off' } }], '/overrides/0/rules/NO_SUCH_RULE: unknown key'],
      [[{ files: ['**'], rules: {} }, { files: ['**'], rules: { CON_POSITION: { options: { threshold: -1 } } } }], '/overrides/1/rules/CON_POSITION/options/threshold'],
      [[{ rules: {} }], '/overrides/0'],
      [[{ files: ['{a,b}'.repeat(9)], rules: {} }], 'Invalid overrides/0/files glob'],
    ] as const) {
      writeFileSync(join(root, 'connascence.config.json'), JSON.stringify({ overrides }));
      const result = runCli(['analyze', root, '--no-cache']);
      expect(result.code, JSON.stringify(overrides)).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });

  it('rules --for FILE prints the settings that apply to it', () => {
    const root = makeTree({ 'src/a.ts': MANY });
    writeFileSync(join(root, 'connascence.config.json'), JSON.stringify({ overrides: [{ files: ['src/**'], rules: { COMPLEXITY: { severity: 'high', options: { threshold: 5 } } } }, { files: ['src/a.ts'], rules: { COMPLEXITY: { options: { threshold: 7 } } } }] }));
    const result = runCli(['rules', '--for', join(root, 'src/a.ts'), '--directory', root, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const settings = JSON.parse(result.stdout) as { path: string; overrides: number[]; rules: Array<{ id: string; enabled: boolean; severity: string; options: Record<string, unknown>; overridden: boolean }> };
    expect(settings.path).toBe('src/a.ts');
    expect(settings.overrides).toEqual([0, 1]);
    expect(settings.rules.find((r) => r.id === 'COMPLEXITY')).toEqual({ id: 'COMPLEXITY', enabled: true, severity: 'high', options: { threshold: 7 }, overridden: true });
    expect(settings.rules.find((r) => r.id === 'CON_POSITION')!.overridden).toBe(false);
    const text = runCli(['rules', '--for', 'src/a.ts'], { cwd: root });
    expect(text.stdout).toMatch(/COMPLEXITY\s+high\s+threshold=7\s+\(override\)/);
    expect(runCli(['rules', '--for', '/etc/passwd', '--directory', root]).code).toBe(2);
  });
});
