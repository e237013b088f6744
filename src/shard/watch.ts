/**
 * Streaming consolidation (`connascence merge --watch DIR --expect N`): the partials are folded in
 * as they land in DIR, while the other shards still run. A file counts only once it is a complete
 * partial (its trailer checksum matches), so a file still being written, a temporary name and an
 * atomic rename are all handled alike: an incomplete file is looked at again when it changes. Each
 * partial is read, checked and decoded on arrival (the bulk of a merge's work), so when the last
 * one lands only the cross-file rules and the reports are left.
 *
 * chokidar watches DIR; on bind mounts and in containers, where file events may not arrive,
 * `poll` switches it to polling.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError, EnvironmentError } from '../errors.js';
import { printable } from '../printable.js';
import { decodePartial, incompleteReason, MAX_PARTIAL_BYTES, unauthenticReason, type Partial as ShardPartial } from './partial.js';
import { readRegularFile } from '../discovery/read-regular.js';

export interface WatchOptions {
  dir: string;
  expect: number;
  timeoutMs: number;
  poll: boolean;
  /** Called with a summary line as each partial is folded in. */
  onLine: (line: string) => void;
  /** Called once the folder is watched (files written from now on are seen). */
  onReady?: () => void;
  /** CONNASCENCE_PARTIAL_KEY: only partials whose MAC verifies under it are merged (shard/partial.ts). */
  key?: Buffer | undefined;
  /** Checks a partial against those folded in so far; throws (ConfigError) when it does not belong. */
  check: (partials: ReadonlyArray<{ partial: ShardPartial; name: string }>) => void;
}

export interface Landed {
  partials: Array<{ partial: ShardPartial; name: string }>;
  /** When the last partial was seen complete (performance.now()). */
  lastLandedAt: number;
}

/** Waits for `expect` complete partials in `dir`; exit 3 (EnvironmentError) on a timeout or a partial that cannot be merged. */
export async function watchPartials(options: WatchOptions): Promise<Landed> {
  const { watch } = await import('chokidar');
  const partials = new Map<number, { partial: ShardPartial; name: string }>();
  const incomplete = new Map<string, string>();
  const done = new Set<string>();
  let lastLandedAt = 0;
  return new Promise<Landed>((resolvePromise, reject) => {
    const watcher = watch(options.dir, { depth: 0, ignoreInitial: false, usePolling: options.poll, interval: 100, binaryInterval: 100, ignored: (path) => basename(path).startsWith('.') && path !== options.dir });
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const settle = (): void => (error ? reject(error) : resolvePromise({ partials: [...partials.entries()].sort(([a], [b]) => a - b).map(([, p]) => p), lastLandedAt }));
      // Closed before going on. (chokidar may still hold a native watch of a file whose event it was
      // handling at the close: `merge --watch` ends its process itself.)
      watcher.close().then(settle, settle);
    };
    const missing = (): string => {
      const count = [...partials.values()][0]?.partial.header.shard.count ?? options.expect;
      const absent = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !partials.has(i));
      return absent.map((i) => `${i}/${count}`).join(', ');
    };
    const timer = setTimeout(() => {
      const waiting = [...incomplete].map(([name, why]) => `${printable(basename(name))} (${why})`);
      finish(new EnvironmentError(`Timed out after ${options.timeoutMs / 1000} s waiting for the partials of shards ${missing()} in ${printable(options.dir)}: ${partials.size} of ${options.expect} arrived.${waiting.length > 0 ? ` Incomplete: ${waiting.join('; ')}.` : ''} Check that every shard ran and wrote its partial there, or raise --timeout.`));
    }, options.timeoutMs);
    const look = (path: string): void => {
      if (settled || done.has(path)) return;
      // The folder is hostile (a shared volume, downloaded artifacts): a link is not opened, and only
      // a regular file of bounded size is read, checked on the open descriptor (a FIFO cannot block it).
      const read = readRegularFile(path, MAX_PARTIAL_BYTES, { noFollow: true });
      if (!read.ok) {
        if (read.reason === 'too-large') incomplete.set(path, read.detail);
        return; // a link, not a file, or gone again (a temporary name renamed away)
      }
      const bytes = read.bytes;
      const why = incompleteReason(bytes);
      if (why) {
        incomplete.set(path, why);
        return;
      }
      incomplete.delete(path);
      done.add(path);
      // A partial the key does not vouch for is refused at once, as `merge` refuses it (exit 2).
      const unauthentic = unauthenticReason(bytes, options.key);
      if (unauthentic) {
        finish(new ConfigError(`The partial ${printable(path)} cannot be merged: ${unauthentic}. The merge stops here.`));
        return;
      }
      try {
        const partial = decodePartial(bytes, path, { complete: true, key: options.key });
        const index = partial.header.shard.index;
        if (partial.header.shard.count !== options.expect) throw new EnvironmentError(`The partial ${printable(path)} is shard ${index}/${partial.header.shard.count}, and --expect is ${options.expect}.`);
        if (partials.has(index)) throw new EnvironmentError(`Shard ${index}/${options.expect} arrived twice: ${printable(partials.get(index)!.name)} and ${printable(path)}.`);
        options.check([...partials.values(), { partial, name: path }]);
        partials.set(index, { partial, name: path });
        lastLandedAt = performance.now();
        const findings = partial.findings.length;
        options.onLine(`Shard ${index}/${options.expect} in (${printable(basename(path))}): ${partial.files.length} files, ${findings} file-rule findings; ${partials.size} of ${options.expect} in${partials.size < options.expect ? `, waiting for ${missing()}` : ''}.`);
        if (partials.size === options.expect) finish();
      } catch (error) {
        finish(error instanceof EnvironmentError ? error : new EnvironmentError(`${(error as Error).message} The merge stops here: the shards of this run cannot be merged.`));
      }
    };
    watcher.on('add', look).on('change', look).on('error', (error) => finish(new EnvironmentError(`Cannot watch ${printable(options.dir)}: ${printable(String((error as Error).message ?? error))}.`)));
    watcher.on('ready', () => {
      // A file created between the first listing and the start of the watch has no event: the
      // folder is listed once more, and the files already there but incomplete are looked at again.
      try {
        for (const name of readdirSync(options.dir)) if (!name.startsWith('.')) look(join(options.dir, name));
      } catch {
        // the watcher reports an unreadable folder
      }
      options.onReady?.();
    });
  });
}
