/**
 * Detector pool worker: started once, receives batches of decoded sources, extracts their facts
 * and posts one message per batch. Facts travel as facts cache entry payloads (encodeFacts), which
 * the worker also writes into the cache when the batch names a cache folder and keys: encoding
 * and writing happen here, in parallel, not on the main thread, and a JSON payload is cheaper to
 * pass and decode than the structured clone of the facts. Once parsing is over it may also run a project rule that
 * declares the facts it reads (see ProjectRule.reads). An unexpected error is posted back, never
 * swallowed.
 */
import { parentPort } from 'node:worker_threads';
import { DiskStore, type WriteResult } from '../cache/disk-store.js';
import { EntryAuth } from '../cache/entry-auth.js';
import { encodeFacts } from '../cache/facts-cache.js';
import type { FileFacts, SourceFile } from '../facts/types.js';
import type { Report, RuleOptions } from '../rules/types.js';
import { processSource } from './extract-file.js';

export interface BatchRequest {
  kind: 'batch';
  id: number;
  sources: SourceFile[];
  /** Write each source's facts entry into this cache folder under its key (keys[i] for sources[i]), sealed with the key `auth` (hex) for a cache inside the checkout. */
  entries?: { dir: string; keys: string[]; auth?: string };
}

/** One extracted file: its facts as an entry payload, and the outcome of writing that entry, if asked to. */
export interface ExtractedEntry {
  path: string;
  payload: string;
  written?: WriteResult;
}

export interface ProjectRuleRequest {
  kind: 'project-rule';
  id: number;
  ruleId: string;
  options: RuleOptions;
  /** The facts of the rule's files, projected on the fields it reads (plus path and language). */
  files: FileFacts[];
  /** Also return the rule's state for a later incremental run (ProjectRule.incremental). */
  withState?: boolean;
}

/** What a project rule returns: its reports, and its state when asked for and it has one. */
export interface RuleOutcome {
  reports: Report[];
  state?: Uint8Array;
}

export type BatchResponse = { kind: 'batch'; id: number; outcomes: ExtractedEntry[] } | { kind: 'batch'; id: number; error: string };
export type ProjectRuleResponse = ({ kind: 'project-rule'; id: number } & RuleOutcome) | { kind: 'project-rule'; id: number; error: string };

const errorText = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

async function runProjectRule(request: ProjectRuleRequest): Promise<RuleOutcome> {
  const { findRule } = await import('../rules/index.js');
  const rule = findRule(request.ruleId);
  if (!rule || rule.scope !== 'project') throw new Error(`no project rule ${request.ruleId}`);
  const context = { options: request.options };
  if (request.withState && rule.incremental) return rule.incremental.checkWithState(request.files, context);
  return { reports: rule.check(request.files, context) };
}

async function extractBatch({ sources, entries }: BatchRequest): Promise<ExtractedEntry[]> {
  const store = entries && new DiskStore({ dir: entries.dir, ...(entries.auth ? { auth: EntryAuth.fromHex(entries.auth) } : {}) });
  const outcomes: ExtractedEntry[] = [];
  for (let i = 0; i < sources.length; i++) {
    const { path, facts } = await processSource(sources[i]!);
    const payload = encodeFacts(facts);
    const key = entries?.keys[i];
    outcomes.push(store && key ? { path, payload, written: store.write(key, payload) } : { path, payload });
  }
  return outcomes;
}

parentPort?.on('message', async (request: BatchRequest | ProjectRuleRequest) => {
  if (request.kind === 'project-rule') {
    try {
      const outcome = await runProjectRule(request);
      // The state moves to the main thread without a copy.
      const transfer = outcome.state ? [outcome.state.buffer as ArrayBuffer] : [];
      parentPort!.postMessage({ kind: 'project-rule', id: request.id, ...outcome } satisfies ProjectRuleResponse, transfer);
    } catch (error) {
      parentPort!.postMessage({ kind: 'project-rule', id: request.id, error: errorText(error) } satisfies ProjectRuleResponse);
    }
    return;
  }
  try {
    const outcomes = await extractBatch(request);
    parentPort!.postMessage({ kind: 'batch', id: request.id, outcomes } satisfies BatchResponse);
  } catch (error) {
    parentPort!.postMessage({ kind: 'batch', id: request.id, error: errorText(error) } satisfies BatchResponse);
  }
});
