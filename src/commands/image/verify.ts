import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { EXIT } from '../../errors.js';

export default class ImageVerify extends BaseCommand {
  static override summary = 'Start a container from an image and run validate-environment in it.';
  static override description = 'Streams the container\'s output, removes the container, and exits 1 when validation fails (3 when the engine is unreachable or the image is missing).';
  static override examples = ['<%= config.bin %> image verify connascence/analysis-runtime:latest'];
  static override args = { image: Args.string({ description: 'image name or id', required: true }) };
  static override flags = { strict: Flags.boolean({ summary: 'fail on warnings too' }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ImageVerify);
    const { verifyImage } = await import('../../container/verify.js');
    const result = await verifyImage({ image: args.image, output: process.stdout, args: flags.strict ? ['--strict'] : [] });
    this.logToStderr(`Image ${args.image}: validation ${result.passed ? 'passed' : `failed (exit ${result.exitCode})`}.`);
    if (!result.passed) this.exit(EXIT.gateFailed);
  }
}
