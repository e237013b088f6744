import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { EnvironmentError } from '../errors.js';

/** One event of the engine's build stream (JSON lines). */
export interface BuildEvent {
  stream?: string;
  status?: string;
  progress?: string;
  error?: string;
  errorDetail?: { code?: number; message?: string };
  aux?: { ID?: string };
}

/** The build failed inside the engine: its own message, exit code 3 (environment) is not right; this is a build failure (1). */
export class ImageBuildError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(`Image build failed: ${message}`);
    this.name = 'ImageBuildError';
  }
}

export interface BuildRequest {
  context: Readable;
  tags: string[];
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  noCache: boolean;
  /** Network for RUN steps ('host' where the default bridge cannot reach the registry). */
  network?: string;
  dockerfile?: string;
  /** Called for every event, for progress display. */
  onEvent?: (event: BuildEvent) => void;
}

export interface BuiltImage {
  id: string;
  tags: string[];
  sizeBytes: number;
  durationMs: number;
  steps: number;
  cachedSteps: number;
}

/**
 * Builds through the engine API. Build errors arrive inside the progress stream, not as an
 * exception, so every event is checked for `error`/`errorDetail`; the daemon's message is kept.
 */
export async function buildImage(docker: Docker, request: BuildRequest): Promise<BuiltImage> {
  const started = performance.now();
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(request.context, {
      t: request.tags,
      buildargs: request.buildArgs,
      labels: request.labels,
      nocache: request.noCache,
      networkmode: request.network,
      dockerfile: request.dockerfile,
      rm: true,
      forcerm: true,
    } as unknown as Docker.ImageBuildOptions);
  } catch (error) {
    // The engine answered with an error status (e.g. 400 for a Dockerfile parse error): the build
    // failed, with the daemon's own message. Only a failure to talk to the engine is environmental.
    const answered = error as { statusCode?: number; message?: string } | undefined;
    if (typeof answered?.statusCode === 'number') {
      // docker-modem prefixes the daemon's message with "(HTTP code 400) unexpected - ".
      throw new ImageBuildError(String(answered.message).replace(/^\(HTTP code \d+\) .*? - /, '').trim());
    }
    throw new EnvironmentError(`The Docker engine refused the build: ${error instanceof Error ? error.message : String(error)}`);
  }
  const events = await followBuild(docker, stream, request.onEvent);
  const id = imageIdOf(events);
  if (!id) throw new ImageBuildError('the engine reported no image id (see the build output above)');
  const image = await docker.getImage(id).inspect();
  const steps = events.filter((e) => /^Step \d+\/\d+ :/.test(e.stream ?? '')).length;
  const cachedSteps = events.filter((e) => (e.stream ?? '').includes('Using cache')).length;
  return { id: image.Id, tags: request.tags, sizeBytes: image.Size, durationMs: Math.round(performance.now() - started), steps, cachedSteps };
}

function followBuild(docker: Docker, stream: NodeJS.ReadableStream, onEvent?: (event: BuildEvent) => void): Promise<BuildEvent[]> {
  return new Promise((resolve, reject) => {
    let failure: string | undefined;
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: BuildEvent[]) => {
        if (error) return reject(new ImageBuildError(error.message));
        if (failure !== undefined) return reject(new ImageBuildError(failure));
        const bad = events.find((e) => e.error || e.errorDetail);
        if (bad) return reject(new ImageBuildError(bad.errorDetail?.message ?? bad.error ?? 'unknown error'));
        resolve(events);
      },
      (event: BuildEvent) => {
        if ((event.error || event.errorDetail) && failure === undefined) failure = event.errorDetail?.message ?? event.error;
        onEvent?.(event);
      },
    );
  });
}

function imageIdOf(events: readonly BuildEvent[]): string | undefined {
  const aux = [...events].reverse().find((e) => e.aux?.ID)?.aux?.ID;
  if (aux) return aux;
  const built = [...events].reverse().map((e) => /Successfully built ([0-9a-f]+)/.exec(e.stream ?? '')).find(Boolean);
  return built?.[1];
}
