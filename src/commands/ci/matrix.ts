import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { ConfigError } from '../../errors.js';

export default class CiMatrix extends BaseCommand {
  static override summary = 'Print the GitHub Actions strategy matrix of N shards for analyze --shard.';
  static override description = `Prints one line of JSON, {"shard":["1/N",...,"N/N"]}, for a job output that the shard job reads with fromJSON (see docs/ci/github-actions.yml). --shards auto sizes N from the files under DIRECTORY: the estimated cold analysis time on one 2-core runner, one shard per minute of it, at most 32.`;

  static override examples = ['<%= config.bin %> ci matrix --shards 4', 'echo "matrix=$(<%= config.bin %> ci matrix --shards auto)" >> "$GITHUB_OUTPUT"'];

  static override flags = {
    shards: Flags.string({ summary: 'the number of shards (1 to 32), or auto', required: true }),
    directory: Flags.string({ char: 'd', summary: 'the analysed directory (with --shards auto)', default: '.' }),
    config: Flags.string({ char: 'c', summary: 'path of a connascence.config.json (with --shards auto: its include and exclude apply)' }),
    verbose: Flags.boolean({ char: 'v', summary: 'also print the estimate on standard error' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(CiMatrix);
    const { autoShards, estimatedSeconds, MAX_SHARDS, shardMatrix } = await import('../../shard/plan.js');
    let count: number;
    if (flags.shards === 'auto') {
      const { checkRoot } = await import('../../engine/analyze.js');
      const { discover } = await import('../../discovery/walk.js');
      const { loadConfig } = await import('../../policy/config.js');
      const { policyOf } = await import('../../engine/session.js');
      const root = checkRoot(flags.directory);
      const policy = policyOf(loadConfig(root, flags.config).config, { include: [], exclude: [], includeTests: false });
      const files = discover(root, { include: policy.include, exclude: policy.exclude }).files;
      count = autoShards(files);
      if (flags.verbose) this.logToStderr(`${files.length} files, ${files.reduce((s, f) => s + f.size, 0)} bytes: about ${Math.round(estimatedSeconds(files))} s cold on one 2-core runner -> ${count} shard${count === 1 ? '' : 's'}`);
    } else {
      count = Number(flags.shards);
      if (!/^\d+$/.test(flags.shards) || count < 1 || count > MAX_SHARDS) throw new ConfigError(`--shards must be a number from 1 to ${MAX_SHARDS}, or auto; not "${flags.shards}".`);
    }
    this.log(JSON.stringify(shardMatrix(count)));
  }
}
