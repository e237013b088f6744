import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { decodeFacts } from '../cache/facts-cache.js';
import type { FileFacts, SourceFile } from '../facts/types.js';
import { processSource } from './extract-file.js';
import type { BatchRequest, BatchResponse, ExtractedEntry, ProjectRuleRequest, ProjectRuleResponse, RuleOutcome } from './worker.js';

/** Bytes of source per task: big enough to amortise messaging, small enough to balance the load. */
const BATCH_BYTES = 48 * 1024;
const MAX_BATCH_FILES = 32;
/**
 * Below this many bytes of source per worker, starting a worker costs more than it saves: each
 * thread pays its own JIT warm-up (~350 ms wall, ~600 ms CPU for the TypeScript front-end on Node 22),
 * and on 2 cores the main thread (reading, decoding, file rules) competes with the workers. Measured
 * on shards of the bench corpus (Node 22): 2 MB of TypeScript parsed on the main thread alone in
 * 1.35 s wall / 1.9 s CPU against 1.6 s / 3.0 s with two workers; 2.6 MB of Python in 3.0 s against
 * 2.4 s; 4.1 MB of TypeScript in 3.2 s against 2.9 s. An explicit `workers` count is not sized down.
 */
const MIN_BYTES_PER_WORKER = 2 * 1024 * 1024;
/**
 * The young generation of a worker: parsing allocates many short-lived AST objects, so it is larger
 * than V8's default; oxc's raw transfer fills it fast, and 64 MB took the cold peak RSS of the
 * benchmark corpus to 390-400 MB, 32 MB keeps it ~25 MB lower at the same speed.
 */
const YOUNG_GENERATION_MB = 32;
/**
 * A worker's stack (reserved, touched only as deep as the recursion goes). The parsers recurse per
 * level of nesting: with 4 MB (Node's default) a chain of 10,000 `?:` or `+` crashed the process;
 * with 64 MB 200,000 pass. Brackets are capped before parsing (MAX_NESTING in the JS front-end).
 */
const STACK_MB = 64;
/**
 * Larger sources are parsed on a worker even when a run parses on the main thread (small inputs,
 * `--workers 1`): a long `a + b + ...` chain nests one level per term, and from ~75,000 terms
 * (150 KB) the parser overflowed the main thread's 8 MB stack and killed the process.
 */
const MAIN_THREAD_MAX_CHARS = 64 * 1024;
/** Batches in flight per worker: the next one waits in the worker's queue while the main thread handles results. */
const IN_FLIGHT = 2;

// From dist/engine/ and from a bundle chunk in dist/chunks/ alike (see rolldown.config.mjs).
const WORKER_FILE = fileURLToPath(new URL('../engine/worker.js', import.meta.url));

export interface PoolOptions {
  /**
   * Requested workers. Given, that many start as soon as there is a source to parse; by default
   * one per MIN_BYTES_PER_WORKER of source, up to one per available core.
   */
  workers?: number;
  /**
   * The facts cache folder: workers write there the entry of each source added with a key, and
   * pass it to `onFacts` (sources parsed on the main thread come without one: the caller caches them).
   */
  entryDir?: string;
  /** The key (hex) the entries in `entryDir` are sealed with: a cache inside the checkout (cache/trust.ts). */
  entryAuth?: string;
  /** Called with each file's facts as soon as its batch completes, and its written entry if a worker wrote one. */
  onFacts: (path: string, facts: FileFacts, entry?: ExtractedEntry) => void;
}

/** Sources to extract together, with the facts cache key of each (empty: not to be written). */
interface Batch {
  sources: SourceFile[];
  keys: string[];
}

/** The facts of a worker's entry payload; one that does not decode is a bug worth failing the run for. */
function factsOf(entry: ExtractedEntry): FileFacts {
  const facts = decodeFacts(entry.payload);
  if (!facts) throw new Error(`analysis worker sent facts of ${entry.path} that do not decode`);
  return facts;
}

export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * A worker thread of the detector pool. Workers live as long as the process (loading a native
 * parser binding into a fresh thread again after terminating one is not safe), and are unref'd
 * while idle so they never keep the process alive.
 */
class PoolWorker {
  readonly thread: Worker;
  private inFlight = 0;
  private nextId = 0;
  private handler?: (response: BatchResponse) => void;
  private failure?: (error: Error) => void;

  constructor() {
    this.thread = new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, stackSizeMb: STACK_MB } });
    this.thread.on('message', (response: BatchResponse | ProjectRuleResponse) => {
      this.inFlight--;
      if (this.inFlight === 0) this.thread.unref();
      const pending = this.pending.get(response.id);
      if (!pending) return this.handler?.(response as BatchResponse);
      this.pending.delete(response.id);
      if ('error' in response) pending.reject(new Error(`analysis worker failed: ${response.error}`));
      else pending.resolve(response);
    });
    this.thread.on('error', (error) => this.fail(error));
    this.thread.on('exit', (code) => {
      retire(this);
      this.fail(new Error(`analysis worker exited with code ${code}`));
    });
    // After the listeners: adding a 'message' listener refs the worker's port again.
    this.thread.unref();
  }

  get busy(): number {
    return this.inFlight;
  }

  /** Requests answered by id (project rules, one-off batches); the queue's batches go to `handler`. */
  private readonly pending = new Map<number, { resolve: (response: BatchResponse | ProjectRuleResponse) => void; reject: (error: Error) => void }>();

  private request<T>(message: BatchRequest | ProjectRuleRequest, answer: (response: BatchResponse | ProjectRuleResponse) => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve: (response) => resolve(answer(response)), reject });
      this.post(message);
    });
  }

  /** Runs a project rule on this worker's thread (see ProjectRule.reads). */
  runRule(request: Omit<ProjectRuleRequest, 'kind' | 'id'>): Promise<RuleOutcome> {
    return this.request({ kind: 'project-rule', id: this.nextId++, ...request }, (response) => {
      const { reports, state } = response as ProjectRuleResponse & RuleOutcome;
      return state ? { reports, state } : { reports };
    });
  }

  /** Extracts one batch outside any ExtractionQueue; it queues behind whatever this worker is doing. */
  extract(sources: SourceFile[]): Promise<FileFacts[]> {
    return this.request({ kind: 'batch', id: this.nextId++, sources }, (response) => (response as Extract<BatchResponse, { outcomes: unknown }>).outcomes.map(factsOf));
  }

  private fail(error: Error): void {
    this.failure?.(error);
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  private post(message: BatchRequest | ProjectRuleRequest): void {
    if (this.inFlight === 0) this.thread.ref();
    this.inFlight++;
    this.thread.postMessage(message);
  }

  attach(handler: (response: BatchResponse) => void, failure: (error: Error) => void): void {
    this.handler = handler;
    this.failure = failure;
  }

  detach(): void {
    this.handler = undefined;
    this.failure = undefined;
  }

  send({ sources, keys }: Batch, entryDir: string | undefined, entryAuth?: string): void {
    const entries = entryDir !== undefined && keys.some((key) => key !== '') ? { dir: entryDir, keys, ...(entryAuth !== undefined ? { auth: entryAuth } : {}) } : undefined;
    this.post({ kind: 'batch', id: this.nextId++, sources, ...(entries ? { entries } : {}) });
  }
}

/** The process-wide workers, started on demand and reused by later runs in the same process. */
const started: PoolWorker[] = [];

function retire(worker: PoolWorker): void {
  const index = started.indexOf(worker);
  if (index >= 0) started.splice(index, 1);
}

/** Whether worker threads can be used: not when running from TypeScript sources (unit tests), where there is no compiled worker file. */
export function workersAvailable(): boolean {
  return existsSync(WORKER_FILE);
}

/**
 * Feeds decoded sources to the detector pool as they are read: sources are grouped into batches
 * by bytes, workers are started as the amount of work justifies them (so a small or fully cached
 * run starts none and parses on the main thread), and each batch's facts are streamed back to
 * `onFacts` as soon as it completes. Call `add` for each source, then await `finish`.
 */
export class ExtractionQueue {
  private readonly limit: number;
  /** Whether the caller named the worker count (then it is not sized to the work). */
  private readonly exact: boolean;
  private readonly queue: Batch[] = [];
  private readonly active: PoolWorker[] = [];
  private current: Batch = { sources: [], keys: [] };
  private currentBytes = 0;
  private totalBytes = 0;
  private closed = false;
  private error?: Error;
  private settle?: () => void;

  constructor(private readonly options: PoolOptions) {
    this.limit = workersAvailable() ? Math.max(1, options.workers ?? defaultWorkerCount()) : 1;
    this.exact = options.workers !== undefined;
  }

  /** Queues a source; with a facts cache `key` (and PoolOptions.entryDir), the worker that extracts it writes its entry. */
  add(source: SourceFile, key = ''): void {
    this.current.sources.push(source);
    this.current.keys.push(key);
    this.currentBytes += source.content.length;
    this.totalBytes += source.content.length;
    if (this.currentBytes >= BATCH_BYTES || this.current.sources.length >= MAX_BATCH_FILES) this.flushBatch();
    this.growPool();
    this.dispatch();
  }

  /** Extracts whatever is left and resolves when every added source has been reported; returns the threads that parsed (1 = main thread). */
  async finish(): Promise<number> {
    this.closed = true;
    this.flushBatch();
    if (this.active.length === 0) {
      let threads = 1;
      for (const batch of this.queue.splice(0)) {
        for (const source of batch.sources) {
          if (source.content.length > MAIN_THREAD_MAX_CHARS && workersAvailable()) {
            const [facts] = await extractOnWorker([source]);
            this.options.onFacts(source.path, facts!);
            threads = 2;
            continue;
          }
          const { path, facts } = await processSource(source);
          this.options.onFacts(path, facts);
        }
      }
      return threads;
    }
    try {
      await new Promise<void>((resolve) => {
        this.settle = resolve;
        this.dispatch();
      });
      if (this.error) throw this.error;
    } finally {
      for (const worker of this.active) worker.detach();
    }
    return this.active.length;
  }

  private flushBatch(): void {
    if (this.current.sources.length === 0) return;
    this.queue.push(this.current);
    this.current = { sources: [], keys: [] };
    this.currentBytes = 0;
  }

  /** Starts (or borrows already started) workers: the requested count, or one per MIN_BYTES_PER_WORKER of work so far, up to the limit. */
  private growPool(): void {
    if (this.limit <= 1) return;
    if (!this.exact && this.totalBytes < MIN_BYTES_PER_WORKER) return;
    const wanted = this.exact ? this.limit : Math.min(this.limit, Math.ceil(this.totalBytes / MIN_BYTES_PER_WORKER));
    while (this.active.length < wanted) {
      const worker = started.find((w) => !this.active.includes(w) && w.busy === 0) ?? spawn();
      worker.attach(
        (response) => this.onResponse(worker, response),
        (error) => this.fail(error),
      );
      this.active.push(worker);
    }
  }

  private onResponse(worker: PoolWorker, response: BatchResponse): void {
    if ('error' in response) return this.fail(new Error(`analysis worker failed: ${response.error}`));
    this.dispatchTo(worker);
    try {
      for (const outcome of response.outcomes) this.options.onFacts(outcome.path, factsOf(outcome), outcome);
    } catch (error) {
      return this.fail(error instanceof Error ? error : new Error(String(error)));
    }
    this.checkDone();
  }

  private dispatch(): void {
    for (const worker of this.active) this.dispatchTo(worker);
    this.checkDone();
  }

  /**
   * Keeps IN_FLIGHT batches queued at a worker while there is plenty of work; the last few batches
   * go one at a time, to whichever worker is free first, so no worker ends with a backlog while
   * another one idles.
   */
  private dispatchTo(worker: PoolWorker): void {
    while (this.queue.length > 0 && !this.error) {
      const limit = this.queue.length > this.active.length * IN_FLIGHT ? IN_FLIGHT : 1;
      if (worker.busy >= limit) return;
      worker.send(this.queue.shift()!, this.options.entryDir, this.options.entryAuth);
    }
  }

  private checkDone(): void {
    if (!this.settle) return;
    if (this.error || (this.closed && this.queue.length === 0 && this.active.every((w) => w.busy === 0))) {
      const settle = this.settle;
      this.settle = undefined;
      settle();
    }
  }

  private fail(error: Error): void {
    this.error ??= error;
    this.checkDone();
  }
}

function spawn(): PoolWorker {
  const worker = new PoolWorker();
  started.push(worker);
  return worker;
}

/**
 * Extracts `sources` on a pool worker thread (the first started one, or a new one), whatever their
 * size: for `validate-environment`, whose parser probe must exercise the worker path that analyses
 * use, in parallel with the checks of the main thread.
 */
export function extractOnWorker(sources: SourceFile[]): Promise<FileFacts[]> {
  if (!workersAvailable()) return Promise.reject(new Error(`no compiled worker at ${WORKER_FILE}: run \`npm run build\``));
  return (started[0] ?? spawn()).extract(sources);
}

/** A source whose parsing makes a worker load the JS parser's native binding (oxc). */
const WARM_UP: SourceFile = { path: 'warm-up.ts', language: 'typescript', content: 'export {};\n' };

/**
 * Starts a pool worker and has it load the JS parser now, before it is needed: bin/run.js calls this
 * for `validate-environment` while the command loads, so that the parser probe finds oxc ready on another
 * core (the Python probe runs on the main thread meanwhile: tree-sitter's wasm takes as long).
 * Best effort: a failure here shows again, with its message, when the probe runs.
 */
export function prestartWorker(): void {
  if (!workersAvailable() || started.length > 0) return;
  spawn()
    .extract([WARM_UP])
    .catch(() => undefined);
}

/**
 * Runs a project rule on an idle worker of the pool, or returns undefined when none is started
 * (small runs parse on the main thread, and starting a thread for one rule costs more than it saves).
 */
export function runRuleOnPool(request: Omit<ProjectRuleRequest, 'kind' | 'id'>): Promise<RuleOutcome> | undefined {
  const worker = started.find((w) => w.busy === 0);
  return worker?.runRule(request);
}

/** Extracts every source with the pool (see ExtractionQueue); returns the threads that parsed. */
export async function extractAll(sources: readonly SourceFile[], options: PoolOptions): Promise<number> {
  const queue = new ExtractionQueue(options);
  for (const source of sources) queue.add(source);
  return queue.finish();
}
