/**
 * Detector pool worker: started once, receives batches of decoded sources, extracts their facts
 * and posts one message per batch. Once parsing is over it may also run a project rule that
 * declares the facts it reads (see ProjectRule.reads). An unexpected error is posted back, never
 * swallowed.
 */
import { parentPort } from 'node:worker_threads';
import type { FileFacts, SourceFile } from '../facts/types.js';
import type { Report, RuleOptions } from '../rules/types.js';
import { processSource } from './extract-file.js';

export interface BatchRequest {
  kind: 'batch';
  id: number;
  sources: SourceFile[];
}

export interface ProjectRuleRequest {
  kind: 'project-rule';
  id: number;
  ruleId: string;
  options: RuleOptions;
  /** The facts of the rule's files, projected on the fields it reads (plus path and language). */
  files: FileFacts[];
}

export type BatchResponse = { kind: 'batch'; id: number; outcomes: Array<{ path: string; facts: FileFacts }> } | { kind: 'batch'; id: number; error: string };
export type ProjectRuleResponse = { kind: 'project-rule'; id: number; reports: Report[] } | { kind: 'project-rule'; id: number; error: string };

const errorText = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

async function runProjectRule(request: ProjectRuleRequest): Promise<Report[]> {
  const { findRule } = await import('../rules/index.js');
  const rule = findRule(request.ruleId);
  if (!rule || rule.scope !== 'project') throw new Error(`no project rule ${request.ruleId}`);
  return rule.check(request.files, { options: request.options });
}

parentPort?.on('message', async (request: BatchRequest | ProjectRuleRequest) => {
  if (request.kind === 'project-rule') {
    try {
      parentPort!.postMessage({ kind: 'project-rule', id: request.id, reports: await runProjectRule(request) } satisfies ProjectRuleResponse);
    } catch (error) {
      parentPort!.postMessage({ kind: 'project-rule', id: request.id, error: errorText(error) } satisfies ProjectRuleResponse);
    }
    return;
  }
  try {
    const outcomes = [];
    for (const source of request.sources) outcomes.push(await processSource(source));
    parentPort!.postMessage({ kind: 'batch', id: request.id, outcomes } satisfies BatchResponse);
  } catch (error) {
    parentPort!.postMessage({ kind: 'batch', id: request.id, error: errorText(error) } satisfies BatchResponse);
  }
});
