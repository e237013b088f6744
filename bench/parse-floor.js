#!/usr/bin/env node
// The floor of a cold run on this machine: reading the TypeScript corpus and parsing it with oxc-parser
// the way the JS front-end does (src/languages/javascript/parse.ts: raw transfer where supported, the
// same options), on one worker thread per core, every node of each tree visited once (a bare walk that
// counts them), and nothing else: no facts, no rules, no cache, no report.
// ESLint's time over this one is the best ratio that any analyzer built on this parser and runtime
// could reach on this machine (bench/run.js prints it next to the cold-run target).
//
// Usage: node bench/parse-floor.js DIR   (prints one JSON line: files, threads, nodes parsed, errors)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

function listTs(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listTs(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Children of every node, counted: the parse must have built the whole tree, as extraction reads it. */
function countNodes(root) {
  let count = 0;
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object') stack.push(item);
      continue;
    }
    count++;
    for (const key in value) {
      const child = value[key];
      if (child && typeof child === 'object' && key !== 'parent') stack.push(child);
    }
  }
  return count;
}

async function parseShare(paths) {
  const { parseSync, rawTransferSupported } = await import('oxc-parser');
  const raw = rawTransferSupported();
  let nodes = 0;
  let errors = 0;
  for (const path of paths) {
    const result = parseSync(path, readFileSync(path, 'utf8'), { lang: 'ts', sourceType: 'unambiguous', preserveParens: true, experimentalRawTransfer: raw });
    errors += result.errors.length;
    nodes += countNodes(result.program);
  }
  return { nodes, errors, raw };
}

if (isMainThread) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node bench/parse-floor.js DIR');
    process.exit(2);
  }
  const paths = listTs(dir);
  const threads = Math.max(1, Math.min(availableParallelism(), paths.length));
  // Largest files first, each to the thread with the fewest bytes so far: balanced shares.
  const sized = paths.map((p) => ({ p, size: statSync(p).size })).sort((a, b) => b.size - a.size);
  const shares = Array.from({ length: threads }, () => ({ paths: [], bytes: 0 }));
  for (const { p, size } of sized) {
    const share = shares.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    share.paths.push(p);
    share.bytes += size;
  }
  const outcomes = await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: share.paths });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const total = outcomes.reduce((a, b) => ({ nodes: a.nodes + b.nodes, errors: a.errors + b.errors }), { nodes: 0, errors: 0 });
  console.log(JSON.stringify({ files: paths.length, threads, rawTransfer: outcomes[0]?.raw ?? false, ...total }));
  process.exit(total.nodes > 0 ? 0 : 1);
} else {
  parentPort.postMessage(await parseShare(workerData));
}
