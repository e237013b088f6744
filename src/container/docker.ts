import Docker from 'dockerode';
import { EnvironmentError } from '../errors.js';
import { printable } from '../printable.js';

/** Where the engine is expected, for messages: DOCKER_HOST or the default socket. */
export function engineAddress(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST || 'unix:///var/run/docker.sock';
}

const SCHEMES = new Set(['unix:', 'tcp:', 'http:', 'https:', 'npipe:', 'ssh:']);

/** The client for DOCKER_HOST; a malformed address is an EnvironmentError (exit 3) that says why. */
function createClient(env: NodeJS.ProcessEnv): Docker {
  const host = env.DOCKER_HOST;
  const fail = (reason: string): never => {
    throw new EnvironmentError(`DOCKER_HOST=${printable(host ?? '')} is not an address of a Docker engine (${printable(reason)}). Set it to e.g. unix:///var/run/docker.sock or tcp://host:2375, or unset it.`);
  };
  if (host) {
    let scheme: string;
    try {
      scheme = new URL(host).protocol;
    } catch {
      return fail('not a URL');
    }
    if (!SCHEMES.has(scheme)) fail(`scheme ${scheme} is not one of unix, tcp, http, https, npipe, ssh`);
  }
  try {
    return new Docker();
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/**
 * A dockerode client (it honours DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), checked with a
 * ping: an unreachable engine is an EnvironmentError (exit 3) that says where we looked and what to do.
 */
export async function connectDocker(env: NodeJS.ProcessEnv = process.env): Promise<Docker> {
  const docker = createClient(env);
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
