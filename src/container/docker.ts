import Docker from 'dockerode';
import { EnvironmentError } from '../errors.js';

/** Where the engine is expected, for messages: DOCKER_HOST or the default socket. */
export function engineAddress(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST || 'unix:///var/run/docker.sock';
}

/**
 * A dockerode client (it honours DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), checked with a
 * ping: an unreachable engine is an EnvironmentError (exit 3) that says where we looked and what to do.
 */
export async function connectDocker(env: NodeJS.ProcessEnv = process.env): Promise<Docker> {
  const docker = new Docker();
  try {
    await docker.ping();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EnvironmentError(
      `Cannot reach the Docker engine at ${engineAddress(env)} (${reason}). Start Docker, or set DOCKER_HOST to the engine's address (e.g. unix:///run/docker.sock or tcp://host:2375).`,
    );
  }
  return docker;
}
