import { Parser } from '@oclif/core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../helpers/random.js';
import { spec as analyzeSpec } from '../../src/cli/actions/analyze.js';
import { spec as validateSpec } from '../../src/cli/actions/validate-environment.js';
import { spec as warmupSpec } from '../../src/cli/actions/warmup-cache.js';
import { parseArgv, type CommandSpec } from '../../src/cli/flag-spec.js';
import { oclifArgs, oclifFlags } from '../../src/cli/oclif-flags.js';

/** What oclif itself makes of argv with the flags and args the command class declares from the same spec. */
async function oclifParse(spec: CommandSpec, argv: string[]): Promise<{ flags: Record<string, unknown>; args: Record<string, unknown> }> {
  const { flags, args } = await Parser.parse(argv, { flags: oclifFlags(spec), args: oclifArgs(spec), strict: true });
  return { flags: { ...flags }, args: { ...args } };
}

const ACCEPTED: Array<[string, string[], CommandSpec]> = [
  ['analyze', [], analyzeSpec],
  ['analyze', ['src'], analyzeSpec],
  ['analyze', ['src', '--format', 'json', '--output', 'r.json'], analyzeSpec],
  ['analyze', ['--format=sarif', '-o', 'out.sarif', 'src'], analyzeSpec],
  ['analyze', ['--format', 'json', 'src'], analyzeSpec],
  ['analyze', ['-f', 'text', '-f', 'sarif=r.sarif', '--format=json=r.json', 'src', '--no-step-summary'], analyzeSpec],
  ['analyze', ['.', '-p', 'strict', '--fail-on', 'medium', '-c', 'conf.json'], analyzeSpec],
  ['analyze', ['--no-cache', '--workers', '1', 'dir'], analyzeSpec],
  ['analyze', ['--cache', '--cache-dir', '/tmp/c', '--max-file-size', '2MiB', '-v'], analyzeSpec],
  ['analyze', ['dir', '--include', 'src/**', '--include=lib/**', '--exclude', 'gen'], analyzeSpec],
  ['analyze', ['dir', '--include-tests', '--allow-empty', '--workers=3'], analyzeSpec],
  ['validate-environment', [], validateSpec],
  ['validate-environment', ['--json', '--strict', '-d', '/workspace'], validateSpec],
  ['validate-environment', ['--directory=/w', '--cache-dir', '/c'], validateSpec],
  ['warmup-cache', ['--directory', 'src', '--snapshot', 's.tar', '--json', '--workers', '2'], warmupSpec],
  ['warmup-cache', ['-d', '.', '--max-file-size=512KiB'], warmupSpec],
];

describe('flag specs: the fast start parses as oclif does', () => {
  it.each(ACCEPTED)('%s %j', async (_command, argv, spec) => {
    const fast = parseArgv(spec, argv);
    expect(fast).toBeDefined();
    expect(fast).toEqual(await oclifParse(spec, argv));
  });

  const WORDS = ['src', 'dir', '-', '--format', 'json', 'text', '-f', '--output', 'o.json', '-o', '--include', 'a/**', '--exclude', 'gen', '--no-cache', '--cache', '-v', '--verbose', '--workers', '2', '0', '--workers=3', '--policy', 'strict', '-p', '--fail-on', 'low', '--max-file-size', '2MiB', '--include-tests', '--allow-empty', '--cache-dir', '/tmp/c', '--format=sarif', '--include=x', '-c', 'conf.json', '--config=a=b', '-d', '--directory', '--json', '--strict', '--snapshot', 's.tar', '--no-json'];

  it.each([
    ['analyze', analyzeSpec],
    ['validate-environment', validateSpec],
    ['warmup-cache', warmupSpec],
  ] as Array<[string, CommandSpec]>)('%s: agrees with oclif on every argv it accepts, over 800 random ones', async (_command, spec) => {
    const next = seededRandom(42);
    let accepted = 0;
    for (let run = 0; run < 800; run++) {
      const argv = Array.from({ length: next(7) }, () => WORDS[next(WORDS.length)]!);
      const fast = parseArgv(spec, argv);
      if (!fast) continue;
      accepted++;
      expect(fast, argv.join(' ')).toEqual(await oclifParse(spec, argv));
    }
    expect(accepted).toBeGreaterThan(20);
  });

  it('gives the declared defaults when a flag is absent', () => {
    // --max-file-size has no default in analyze: the config file's maxFileSize applies when it is absent.
    expect(parseArgv(analyzeSpec, [])).toEqual({ flags: { cache: true, 'step-summary': true }, args: { directory: '.' } });
  });

  // Each of these is oclif's to parse or to reject with its own message.
  const LEFT_TO_OCLIF: Array<[string, string[]]> = [
    ['help', ['--help']],
    ['short help', ['-h']],
    ['an unknown flag', ['--bogus']],
    ['a value outside the options', ['--fail-on', 'xml']],
    ['a repeated single flag', ['--output', 'a', '--output', 'b']],
    ['a missing value', ['--output']],
    ['a value that looks like a flag', ['--output', '--format']],
    ['an empty inline value', ['--output=']],
    ['a multiple flag followed by a bare word (oclif takes it as a second value)', ['--include', 'a', 'dir']],
    ['a bare word after a multiple flag and another flag (oclif takes it too)', ['--include', 'a', '-v', 'dir']],
    ['combined short flags', ['-vo', 'x']],
    ['an attached short value', ['-ojson']],
    ['the end-of-flags marker', ['--', 'dir']],
    ['too many arguments', ['a', 'b']],
    ['a non-integer worker count', ['--workers', 'two']],
    ['a worker count below the minimum', ['--workers', '0']],
    ['a value on a boolean flag', ['--verbose=true']],
    ['--no- on a flag without it', ['--no-verbose']],
  ];

  it.each(LEFT_TO_OCLIF)('leaves %s to oclif', (_what, argv) => {
    expect(parseArgv(analyzeSpec, argv)).toBeUndefined();
  });

  it('leaves to oclif only what oclif rejects, or parses differently from the plain reading', async () => {
    // The plain forms above that oclif rejects really are errors there (so falling back loses nothing).
    for (const argv of [['--bogus'], ['--fail-on', 'xml'], ['--output', 'a', '--output', 'b'], ['a', 'b'], ['--workers', '0'], ['--no-verbose']]) {
      await expect(oclifParse(analyzeSpec, argv), argv.join(' ')).rejects.toThrow();
    }
    // And oclif reads a multiple flag greedily, which is why those forms are left to it.
    expect((await oclifParse(analyzeSpec, ['--include', 'a', 'dir'])).flags.include).toEqual(['a', 'dir']);
    expect((await oclifParse(analyzeSpec, ['--include', 'a', '-v', 'dir'])).flags.include).toEqual(['a', 'dir']);
  });
});
