import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { ConfigError } from '../../errors.js';

function keyValues(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new ConfigError(`${flag} expects KEY=VALUE, got "${item}"`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export default class ImageBuild extends BaseCommand {
  static override summary = 'Build the analysis-runtime image (or a workspace layer on top of it) through the Docker engine.';
  static override description = `Packs the build context with tar-fs (honouring .dockerignore), builds through the Docker API (DOCKER_HOST honoured) and shows the steps. A failed build exits 1 with the daemon's message; an unreachable engine exits 3.

With --workspace DIR, bakes DIR's facts-cache snapshot on top of the runtime image (--from), so that analysing a later change of DIR in that image re-parses only the changed files.`;
  static override examples = [
    '<%= config.bin %> image build',
    '<%= config.bin %> image build --base-image connascence/node-base:22-bookworm --ca-cert "$NODE_EXTRA_CA_CERTS" --tag analysis-runtime:dev',
    '<%= config.bin %> image build --workspace . --from connascence/analysis-runtime:latest --tag my-project-analysis:latest',
  ];

  static override flags = {
    tag: Flags.string({ char: 't', summary: 'image tag (repeatable; default connascence/analysis-runtime:VERSION and :latest)', multiple: true }),
    'build-arg': Flags.string({ summary: 'build argument KEY=VALUE (repeatable)', multiple: true }),
    label: Flags.string({ summary: 'extra label KEY=VALUE (repeatable)', multiple: true }),
    'base-image': Flags.string({ summary: 'Node.js base image (the NODE_IMAGE build argument; default node:22-bookworm-slim)' }),
    'ca-cert': Flags.string({ summary: 'extra CA certificate (PEM) for the build stages only, e.g. behind a TLS-intercepting proxy; never in the final image' }),
    context: Flags.string({ summary: 'build context with the Dockerfile (default: this installation of connascence)' }),
    network: Flags.string({ summary: 'network for RUN steps, e.g. host' }),
    workspace: Flags.string({ summary: 'bake this directory\'s cache snapshot on top of --from instead of building the runtime image' }),
    from: Flags.string({ summary: 'runtime image for --workspace (default connascence/analysis-runtime:latest)' }),
    'no-cache': Flags.boolean({ summary: 'do not use the engine\'s layer cache' }),
    json: Flags.boolean({ summary: 'print the result (image id, tags, size, duration) as JSON; no progress' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ImageBuild);
    const { buildRuntimeImage, buildWorkspaceLayer, DEFAULT_IMAGE } = await import('../../container/image.js');
    const { buildProgress } = await import('../../cli/build-progress.js');
    const { PACKAGE_ROOT } = await import('../../container/environment.js');
    const progress = buildProgress({ enabled: !flags.json, stream: process.stderr });
    const common = { noCache: flags['no-cache'], network: flags.network, onEvent: progress.onEvent };
    let built;
    try {
      if (flags.workspace) {
        const { warmupCache } = await import('../../engine/warmup.js');
        built = await buildWorkspaceLayer({
          ...common,
          baseImage: flags.from ?? `${DEFAULT_IMAGE}:latest`,
          workspace: flags.workspace,
          tags: flags.tag ?? [],
          makeSnapshot: async (workspace, archive) => {
            const { mkdtempSync } = await import('node:fs');
            const { tmpdir } = await import('node:os');
            const { join } = await import('node:path');
            await warmupCache({ directory: workspace, cacheDir: mkdtempSync(join(tmpdir(), 'connascence-ws-cache-')), snapshot: archive, maxFileSize: 1024 * 1024 });
          },
        });
      } else {
        built = await buildRuntimeImage({
          ...common,
          contextDir: flags.context ?? PACKAGE_ROOT,
          version: this.config.version,
          tags: flags.tag ?? [],
          buildArgs: keyValues(flags['build-arg'], '--build-arg'),
          labels: keyValues(flags.label, '--label'),
          baseImage: flags['base-image'],
          caCertFile: flags['ca-cert'],
        });
      }
    } finally {
      progress.done();
    }
    if (flags.json) this.log(JSON.stringify(built, null, 2));
    else this.log(`Built ${built.id.slice(0, 19)} (${built.tags.join(', ') || 'untagged'}): ${(built.sizeBytes / 1024 / 1024).toFixed(1)} MiB in ${(built.durationMs / 1000).toFixed(1)} s, ${built.cachedSteps}/${built.steps} steps from cache.`);
  }
}
