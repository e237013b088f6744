import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { buildImage, type BuildEvent, type BuiltImage } from './build.js';
import { packContext } from './context.js';
import { connectDocker } from './docker.js';

export const DEFAULT_IMAGE = 'connascence/analysis-runtime';

export interface ImageBuildRequest {
  /** Build context with the Dockerfile (default: the installed package). */
  contextDir: string;
  version: string;
  tags: string[];
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  baseImage?: string;
  caCertFile?: string;
  noCache: boolean;
  network?: string;
  onEvent?: (event: BuildEvent) => void;
}

function gitRevision(dir: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function readCa(file: string | undefined): string {
  if (!file) return '';
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the CA certificate ${file}: ${(error as Error).message}`);
  }
}

/** The analysis-runtime image from the project's Dockerfile, with OCI labels and build args filled in. */
export async function buildRuntimeImage(request: ImageBuildRequest): Promise<BuiltImage> {
  const extraCa = readCa(request.caCertFile);
  const docker = await connectDocker();
  const buildArgs: Record<string, string> = {
    VERSION: request.version,
    REVISION: gitRevision(request.contextDir),
    CREATED: new Date().toISOString(),
    ...(request.baseImage ? { NODE_IMAGE: request.baseImage } : {}),
    ...request.buildArgs,
  };
  const tags = request.tags.length > 0 ? request.tags : [`${DEFAULT_IMAGE}:${request.version}`, `${DEFAULT_IMAGE}:latest`];
  return buildImage(docker, {
    context: packContext({ dir: request.contextDir, extraCa }),
    tags,
    buildArgs,
    labels: request.labels,
    noCache: request.noCache,
    network: request.network,
    onEvent: request.onEvent,
  });
}

export interface WorkspaceLayerRequest {
  /** The runtime image to build on. */
  baseImage: string;
  workspace: string;
  tags: string[];
  noCache: boolean;
  network?: string;
  onEvent?: (event: BuildEvent) => void;
  /** Makes the workspace snapshot archive (warmup-cache --snapshot) on the host. */
  makeSnapshot: (workspace: string, archive: string) => Promise<void>;
}

/** Where the workspace layer installs its snapshot; searched before the image's own snapshot. */
export const WORKSPACE_SNAPSHOT_DIR = '/opt/connascence/workspace-snapshot';

const WORKSPACE_DOCKERFILE = (base: string): string => `FROM ${base}
USER root
COPY workspace-cache.tar /tmp/workspace-cache.tar
RUN connascence cache import /tmp/workspace-cache.tar --cache-dir ${WORKSPACE_SNAPSHOT_DIR} && rm /tmp/workspace-cache.tar && chmod -R a+rX ${WORKSPACE_SNAPSHOT_DIR}
ENV CONNASCENCE_SNAPSHOT_DIRS=${WORKSPACE_SNAPSHOT_DIR}:/opt/connascence/cache-snapshot
USER node
`;

/** Bakes a workspace's cache snapshot on top of the runtime image: later analyses re-parse only changed files. */
export async function buildWorkspaceLayer(request: WorkspaceLayerRequest): Promise<BuiltImage> {
  const docker = await connectDocker();
  const scratch = mkdtempSync(join(tmpdir(), 'connascence-workspace-layer-'));
  try {
    await request.makeSnapshot(request.workspace, join(scratch, 'workspace-cache.tar'));
    const archive = readFileSync(join(scratch, 'workspace-cache.tar'));
    rmSync(join(scratch, 'workspace-cache.tar'));
    return await buildImage(docker, {
      context: packContext({ dir: scratch, extraFiles: { Dockerfile: WORKSPACE_DOCKERFILE(request.baseImage), 'workspace-cache.tar': archive } }),
      tags: request.tags,
      buildArgs: {},
      labels: { 'org.opencontainers.image.base.name': request.baseImage },
      noCache: request.noCache,
      network: request.network,
      onEvent: request.onEvent,
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
