import type { Writable } from 'node:stream';
import { EnvironmentError } from '../errors.js';
import { connectDocker } from './docker.js';

export interface VerifyRequest {
  image: string;
  /** Where the container's output goes (streamed as it runs). */
  output: Writable;
  /** Extra arguments for validate-environment (e.g. --strict). */
  args?: string[];
}

export interface VerifyResult {
  image: string;
  exitCode: number;
  passed: boolean;
}

/** Starts a container from the image, runs `connascence validate-environment` in it, streams its output, removes it. */
export async function verifyImage(request: VerifyRequest): Promise<VerifyResult> {
  const docker = await connectDocker();
  try {
    await docker.getImage(request.image).inspect();
  } catch {
    throw new EnvironmentError(`No image ${request.image} in the Docker engine: build it first (connascence image build) or check the name.`);
  }
  const command = ['connascence', 'validate-environment', '--directory', '/opt/connascence/warmup-fixtures', ...(request.args ?? [])];
  const container = await docker.createContainer({ Image: request.image, Cmd: command, Tty: false, HostConfig: { AutoRemove: false } });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    container.modem.demuxStream(stream, request.output, request.output);
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    return { image: request.image, exitCode: StatusCode, passed: StatusCode === 0 };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
