/**
 * Loads swc's native binding in a worker thread, started by `bin/run.js` before oclif loads, for
 * commands that will load it on the main thread soon after (validate-environment's parser probe).
 * A shared library is mapped once per process: the main thread's own load then only registers the
 * already mapped binding, and the costly part (mapping ~10 MB, which is several times slower
 * inside containers) ran on another core meanwhile. The worker stays idle afterwards (unref'd by
 * the caller): unloading the binding from a finished thread is not safe while other threads use it.
 */
import { parentPort } from 'node:worker_threads';

try {
  await import('@swc/core');
} catch {
  // The main thread loads it again and reports the error where it belongs (a failed check).
}
parentPort?.on('message', () => undefined);
