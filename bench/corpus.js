#!/usr/bin/env node
// Deterministic synthetic corpus for `npm run bench`.
//
// Writes bench/.corpus/ts (TypeScript) and bench/.corpus/py (Python). Every byte comes from a seeded
// PRNG (no Math.random, no clock), so two machines generate the same corpus. Function bodies are
// produced once as a small language-neutral IR and printed by a TypeScript or a Python printer, so
// both corpora have the same shapes: relative imports (with a few cycles), classes (a few very big),
// nested if/for/while/try/switch, logical operators, varied parameter counts, magic numbers, repeated
// strings, module-level mutable state, timers with literal delays, eval, functions duplicated across
// files and type annotations (some `any`).
//
// The corpus is regenerated only when it is missing or GENERATOR_VERSION changed (stamp.json).
// Usage: node bench/corpus.js [--force]

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump whenever the output of this file changes: the stamp makes run.js regenerate. */
export const GENERATOR_VERSION = 1;
const SEED = 'connascence-bench';
/** The seed the renderers draw from: SEED for the bench corpus; generateCorpus(other) for the further parts of a scaled one. */
let seed = SEED;

const HERE = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = join(HERE, '.corpus');
export const TS_DIR = join(CORPUS_DIR, 'ts');
export const PY_DIR = join(CORPUS_DIR, 'py');
const STAMP_FILE = join(CORPUS_DIR, 'stamp.json');

const TS_MODULES = 440;
const PY_MODULES = 280;
const MIN_TS_LINES = 100_000;
const MIN_PY_LINES = 50_000;

// ---------------------------------------------------------------------------------------------
// Seeded PRNG: cyrb128 string hash -> sfc32.

function cyrb128(str) {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export class Rng {
  constructor(seed) {
    [this.a, this.b, this.c, this.d] = cyrb128(String(seed));
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next() {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }

  /** Picks a key of `weights` (an object of key -> weight). */
  weighted(weights) {
    const entries = Object.entries(weights).filter(([, w]) => w > 0);
    let total = 0;
    for (const [, w] of entries) total += w;
    let x = this.next() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries[entries.length - 1][0];
  }

  sample(arr, n) {
    const copy = arr.slice();
    const out = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. Chosen to be safe identifiers in both TypeScript and Python.

const PACKAGES = [
  'core', 'api', 'services', 'models', 'utils', 'handlers', 'storage', 'billing', 'auth', 'reporting',
  'search', 'notifications', 'scheduling', 'inventory', 'analytics', 'integrations', 'shipping', 'catalog',
];
const SUBPACKAGES = ['internal', 'adapters', 'domain', 'legacy', 'helpers'];
const NOUNS = [
  'order', 'invoice', 'customer', 'account', 'payment', 'shipment', 'product', 'cart', 'session', 'token',
  'user', 'report', 'metric', 'event', 'queue', 'job', 'task', 'ledger', 'price', 'discount', 'coupon',
  'address', 'profile', 'message', 'channel', 'webhook', 'tenant', 'quota', 'batch', 'record', 'entry',
  'supplier', 'warehouse', 'refund', 'receipt', 'balance', 'region', 'currency', 'rate', 'score',
];
const VERBS = [
  'load', 'save', 'compute', 'validate', 'parse', 'format', 'merge', 'resolve', 'apply', 'sync', 'fetch',
  'normalize', 'render', 'rank', 'collect', 'group', 'refresh', 'dispatch', 'enqueue', 'reconcile',
  'archive', 'summarize', 'estimate', 'check', 'update', 'prepare', 'select', 'convert', 'register',
];
const SUFFIXES = [
  'Service', 'Repository', 'Mapper', 'Validator', 'Controller', 'Handler', 'Utils', 'Store', 'Client',
  'Formatter', 'Scheduler', 'Policy', 'Calculator', 'Adapter', 'Registry', 'Manager', 'Builder', 'Cache',
];
const NUM_WORDS = ['total', 'count', 'limit', 'offset', 'amount', 'retries', 'weight', 'index', 'delta', 'size', 'budget', 'ratio'];
const STR_WORDS = ['status', 'label', 'mode', 'code', 'key', 'name', 'region', 'reason', 'prefix', 'kind'];
const ARR_WORDS = ['items', 'values', 'scores', 'amounts', 'totals', 'buckets', 'samples', 'ids'];
const OBJ_WORDS = ['options', 'settings', 'counters', 'weights', 'limits', 'stats'];
const BOOL_WORDS = ['strict', 'dryRun', 'enabled', 'verbose', 'force'];
const STRINGS = [
  'pending', 'active', 'completed', 'failed', 'cancelled', 'retry', 'archived', 'unknown', 'EUR', 'USD',
  'en-US', 'admin', 'guest', 'v1', 'default', 'primary', 'fallback', 'internal', 'external', 'draft',
  'not found', 'invalid input', 'timeout exceeded', 'rate limited', 'ok',
];
const MAGIC = [3, 4, 5, 7, 10, 12, 15, 24, 30, 60, 100, 250, 404, 500, 1000, 3600, 86400, 8080, 1024, 42, 0.15, 0.2, 1.5, 99];
const SMALL = [0, 1, 2, -1];
const CONST_NAMES = [
  ['MAX_RETRIES', 5], ['DEFAULT_TIMEOUT_MS', 3000], ['PAGE_SIZE', 50], ['MAX_BATCH', 200], ['TAX_RATE', 0.21],
  ['CACHE_TTL', 600], ['MIN_SCORE', 15], ['MAX_ITEMS', 1000], ['GRACE_DAYS', 14], ['THRESHOLD', 75],
];
const GLOBAL_NAMES = [
  ['requestCount', 'num'], ['lastStatus', 'str'], ['errorCount', 'num'], ['cacheHits', 'num'],
  ['currentMode', 'str'], ['pendingJobs', 'num'],
];

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const snake = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

// ---------------------------------------------------------------------------------------------
// Body IR.
//
// Expressions: {k:'num',v} {k:'str',v} {k:'bool',v} {k:'var',name} {k:'bin',op,l,r} {k:'not',e}
//   {k:'len',e} {k:'field',obj,key,dflt} {k:'call',fn,args} {k:'new',cls,args} {k:'mcall',obj,fn,args}
//   {k:'fmt',parts} {k:'cond',c,a,b} {k:'map',arr,op,n} {k:'list',items} {k:'eval',e}
// Statements: decl assign push log expr if for forOf while whileTrue break continue try switch return
//   throw sleep global

const E = {
  num: (v) => ({ k: 'num', v }),
  str: (v) => ({ k: 'str', v }),
  v: (name) => ({ k: 'var', name }),
  bin: (op, l, r) => ({ k: 'bin', op, l, r }),
};

class FnContext {
  constructor(rng, file, opts) {
    this.rng = rng;
    this.file = file; // { strPool, consts, globals, callables, classes, usesTime }
    this.vars = { num: [], str: [], arr: [], obj: [], bool: [] };
    this.used = new Set(opts.reserved ?? []);
    this.maxDepth = opts.maxDepth;
    this.decay = opts.decay ?? 0.55;
    this.loopDepth = 0;
    this.self = opts.self; // { name, params } for recursion
    this.allowExternal = opts.allowExternal !== false;
    this.inMethod = !!opts.inMethod;
  }

  fresh(base) {
    let name = base;
    let i = 2;
    while (this.used.has(name)) name = `${base}${i++}`;
    this.used.add(name);
    return name;
  }

  addVar(kind, name, mutable) {
    this.vars[kind].push({ name, mutable });
  }

  mark() {
    return Object.fromEntries(Object.entries(this.vars).map(([k, v]) => [k, v.length]));
  }

  reset(mark) {
    for (const k of Object.keys(this.vars)) this.vars[k].length = mark[k];
  }
}

function numLit(ctx) {
  const r = ctx.rng.next();
  if (r < 0.45) return E.num(ctx.rng.pick(SMALL.slice(0, 3)));
  if (r < 0.85 || ctx.file.consts.length === 0) return E.num(ctx.rng.pick(MAGIC));
  return E.v(ctx.rng.pick(ctx.file.consts).name);
}

function strLit(ctx) {
  return E.str(ctx.rng.pick(ctx.file.strPool));
}

function numExpr(ctx, d = 0) {
  const { rng, vars } = ctx;
  const choice = rng.weighted({
    var: vars.num.length ? 5 : 0,
    lit: 3,
    len: vars.arr.length ? 1.5 : 0,
    field: vars.obj.length ? 1 : 0,
    bin: d < 2 ? 2.5 : 0,
    call: d < 1 && ctx.allowExternal ? 1 : 0,
    cond: d < 1 ? 0.4 : 0,
  });
  switch (choice) {
    case 'var':
      return E.v(rng.pick(vars.num).name);
    case 'len':
      return { k: 'len', e: E.v(rng.pick(vars.arr).name) };
    case 'field':
      return { k: 'field', obj: rng.pick(vars.obj).name, key: rng.pick(NUM_WORDS), dflt: numLit(ctx) };
    case 'bin': {
      const op = rng.pick(['+', '-', '*', '+', '/', '%']);
      let right = numExpr(ctx, d + 1);
      if ((op === '/' || op === '%') && right.k === 'num' && right.v === 0) right = E.num(rng.pick(MAGIC));
      return E.bin(op, numExpr(ctx, d + 1), right);
    }
    case 'call': {
      const fns = ctx.file.callables.filter((f) => f.ret === 'num');
      if (fns.length === 0) return numLit(ctx);
      const fn = rng.pick(fns);
      return { k: 'call', fn: fn.name, args: argsFor(ctx, fn.params) };
    }
    case 'cond':
      return { k: 'cond', c: condExpr(ctx, 2), a: numExpr(ctx, 2), b: numLit(ctx) };
    default:
      return numLit(ctx);
  }
}

function strExpr(ctx, d = 0) {
  const { rng, vars } = ctx;
  const choice = rng.weighted({
    var: vars.str.length ? 4 : 0,
    lit: 4,
    fmt: d < 1 ? 1.5 : 0,
    call: d < 1 && ctx.allowExternal ? 0.7 : 0,
  });
  switch (choice) {
    case 'var':
      return E.v(rng.pick(vars.str).name);
    case 'fmt':
      return { k: 'fmt', parts: [rng.pick(NOUNS), strExpr(ctx, d + 1), ':', numExpr(ctx, 2)] };
    case 'call': {
      const fns = ctx.file.callables.filter((f) => f.ret === 'str');
      if (fns.length === 0) return strLit(ctx);
      const fn = rng.pick(fns);
      return { k: 'call', fn: fn.name, args: argsFor(ctx, fn.params) };
    }
    default:
      return strLit(ctx);
  }
}

function exprOf(ctx, kind) {
  switch (kind) {
    case 'num':
      return numExpr(ctx, 1);
    case 'str':
      return strExpr(ctx, 1);
    case 'bool':
      return ctx.vars.bool.length && ctx.rng.chance(0.5) ? E.v(ctx.rng.pick(ctx.vars.bool).name) : { k: 'bool', v: ctx.rng.chance(0.5) };
    case 'arr':
      return ctx.vars.arr.length && ctx.rng.chance(0.7)
        ? E.v(ctx.rng.pick(ctx.vars.arr).name)
        : { k: 'list', items: [numLit(ctx), numLit(ctx)] };
    case 'obj':
      return ctx.vars.obj.length ? E.v(ctx.rng.pick(ctx.vars.obj).name) : { k: 'dict' };
    default:
      return { k: 'null' };
  }
}

function argsFor(ctx, params) {
  return params.map((p) => exprOf(ctx, p));
}

function condExpr(ctx, d = 0) {
  const { rng, vars } = ctx;
  const choice = rng.weighted({
    cmp: 5,
    streq: vars.str.length ? 2.5 : 0,
    empty: vars.arr.length ? 1.2 : 0,
    bool: vars.bool.length ? 1 : 0,
    logic: d < 2 ? 3 : 0,
    not: d < 2 ? 0.5 : 0,
  });
  switch (choice) {
    case 'streq':
      return E.bin(rng.pick(['===', '!==']), E.v(rng.pick(vars.str).name), strLit(ctx));
    case 'empty':
      return E.bin(rng.pick(['===', '>']), { k: 'len', e: E.v(rng.pick(vars.arr).name) }, E.num(0));
    case 'bool':
      return E.v(rng.pick(vars.bool).name);
    case 'logic':
      return E.bin(rng.pick(['&&', '||', '&&']), condExpr(ctx, d + 1), condExpr(ctx, d + 1));
    case 'not':
      return { k: 'not', e: condExpr(ctx, 2) };
    default: {
      let left = vars.num.length && rng.chance(0.75) ? E.v(rng.pick(vars.num).name) : numExpr(ctx, 2);
      if (left.k === 'num') left = vars.arr.length ? { k: 'len', e: E.v(rng.pick(vars.arr).name) } : ctx.file.consts.length ? E.v(rng.pick(ctx.file.consts).name) : left;
      return E.bin(rng.pick(['<', '>', '<=', '>=', '===', '!==']), left, numLit(ctx));
    }
  }
}

/** One block of `n` statements at nesting `depth`. */
function genBlock(ctx, depth, n) {
  const out = [];
  const mark = ctx.mark();
  for (let i = 0; i < n; i++) {
    const stmt = genStmt(ctx, depth);
    if (stmt) out.push(stmt);
  }
  ctx.reset(mark);
  return out;
}

function childCount(ctx, depth) {
  return ctx.rng.int(1, depth === 0 ? 3 : 2);
}

function genStmt(ctx, depth) {
  const { rng, vars, file } = ctx;
  // Compound statements get rarer the deeper we are, so bodies stay function-sized.
  const nest = depth < ctx.maxDepth ? ctx.decay ** depth : 0;
  const mutableNums = vars.num.filter((v) => v.mutable);
  const kind = rng.weighted({
    decl: 22,
    assign: mutableNums.length ? 12 : 0,
    push: vars.arr.length ? 5 : 0,
    log: 4,
    call: ctx.allowExternal && file.callables.length ? 6 : 0,
    newObj: ctx.allowExternal && file.classes.length ? 1.5 : 0,
    if: 15 * nest,
    for: 6 * nest,
    forOf: vars.arr.length ? 5 * nest : 0,
    while: 2 * nest,
    whileTrue: 0.25 * nest,
    try: 3.5 * nest,
    switch: vars.str.length ? 2.5 * nest : 0,
    global: ctx.allowExternal && file.globals.length ? 2.5 : 0,
    sleep: ctx.allowExternal ? 0.1 : 0,
    brk: ctx.loopDepth > 0 ? 1.5 : 0,
    recurse: ctx.self && ctx.self.params.length ? 0.3 : 0,
    throw: depth > 0 ? 1 : 0,
  });
  switch (kind) {
    case 'decl': {
      const k = rng.weighted({ num: 6, str: 3, arr: 1.5, obj: 0.6, bool: 0.5 });
      const words = { num: NUM_WORDS, str: STR_WORDS, arr: ARR_WORDS, obj: OBJ_WORDS, bool: BOOL_WORDS }[k];
      const name = ctx.fresh(rng.pick(words));
      let e;
      if (k === 'num') e = numExpr(ctx);
      else if (k === 'str') e = strExpr(ctx);
      else if (k === 'bool') e = condExpr(ctx, 1);
      else if (k === 'arr') e = vars.arr.length && rng.chance(0.5) ? { k: 'map', arr: rng.pick(vars.arr).name, op: rng.pick(['*', '+', '-']), n: numLit(ctx) } : { k: 'list', items: [] };
      else e = { k: 'dict' };
      const mutable = (k === 'num' || k === 'str') && rng.chance(0.55);
      ctx.addVar(k, name, mutable);
      return { s: 'decl', name, e, mutable, kind: k, typed: rng.chance(0.2) };
    }
    case 'assign': {
      const target = rng.pick(mutableNums);
      const e = numExpr(ctx, 1);
      const op = rng.pick(['+=', '-=', '=', '+=', '*=']);
      return { s: 'assign', name: target.name, op: op === '=' && e.k === 'var' && e.name === target.name ? '+=' : op, e };
    }
    case 'push':
      return { s: 'push', arr: rng.pick(vars.arr).name, e: numExpr(ctx, 1) };
    case 'log':
      return { s: 'log', level: rng.pick(['info', 'debug', 'warn']), e: { k: 'fmt', parts: [rng.pick(VERBS), strExpr(ctx, 1), ':', numExpr(ctx, 2)] } };
    case 'call': {
      const fn = rng.pick(file.callables);
      if (fn.ret === 'void' || rng.chance(0.3)) return { s: 'expr', e: { k: 'call', fn: fn.name, args: argsFor(ctx, fn.params) } };
      const kindOut = fn.ret === 'num' ? 'num' : 'str';
      const name = ctx.fresh(kindOut === 'num' ? rng.pick(NUM_WORDS) : rng.pick(STR_WORDS));
      ctx.addVar(kindOut, name, false);
      return { s: 'decl', name, kind: kindOut, mutable: false, e: { k: 'call', fn: fn.name, args: argsFor(ctx, fn.params) } };
    }
    case 'newObj': {
      const cls = rng.pick(file.classes);
      const name = ctx.fresh(cls.name[0].toLowerCase() + cls.name.slice(1));
      const method = rng.pick(cls.methods);
      return {
        s: 'block',
        body: [
          { s: 'decl', name, kind: 'inst', mutable: false, e: { k: 'new', cls: cls.name, args: argsFor(ctx, cls.ctor) } },
          { s: 'expr', e: { k: 'mcall', obj: name, fn: method.name, args: argsFor(ctx, method.params) } },
        ],
      };
    }
    case 'if': {
      const branches = [{ c: condExpr(ctx), body: genBlock(ctx, depth + 1, childCount(ctx, depth)) }];
      const elifs = rng.chance(0.3) ? rng.int(1, 3) : 0;
      for (let i = 0; i < elifs; i++) branches.push({ c: condExpr(ctx), body: genBlock(ctx, depth + 1, childCount(ctx, depth)) });
      const els = rng.chance(0.4) ? genBlock(ctx, depth + 1, childCount(ctx, depth)) : null;
      return { s: 'if', branches, els };
    }
    case 'for': {
      const v = ctx.fresh(['i', 'j', 'k', 'n'][Math.min(depth, 3)]);
      const bound = vars.arr.length && rng.chance(0.5) ? { k: 'len', e: E.v(rng.pick(vars.arr).name) } : E.num(rng.pick([3, 5, 10, 20, 100, 2]));
      ctx.loopDepth++;
      const mark = ctx.mark();
      ctx.addVar('num', v, false);
      const body = genBlock(ctx, depth + 1, childCount(ctx, depth));
      ctx.reset(mark);
      ctx.loopDepth--;
      return { s: 'for', v, bound, body };
    }
    case 'forOf': {
      const arr = rng.pick(vars.arr).name;
      const v = ctx.fresh(rng.pick(['value', 'entry', 'sample', 'item']));
      ctx.loopDepth++;
      const mark = ctx.mark();
      ctx.addVar('num', v, false);
      const body = genBlock(ctx, depth + 1, childCount(ctx, depth));
      ctx.reset(mark);
      ctx.loopDepth--;
      return { s: 'forOf', v, arr, body };
    }
    case 'while': {
      const counter = ctx.fresh('attempt');
      ctx.loopDepth++;
      const mark = ctx.mark();
      const body = genBlock(ctx, depth + 1, childCount(ctx, depth));
      ctx.reset(mark);
      ctx.loopDepth--;
      body.push({ s: 'assign', name: counter, op: '+=', e: E.num(1) });
      const c = E.bin('&&', E.bin('<', E.v(counter), numLit(ctx)), condExpr(ctx, 1));
      return { s: 'block', body: [{ s: 'decl', name: counter, kind: 'num', mutable: true, e: E.num(0) }, { s: 'while', c, body }] };
    }
    case 'whileTrue': {
      ctx.loopDepth++;
      const body = genBlock(ctx, depth + 1, childCount(ctx, depth));
      ctx.loopDepth--;
      body.push({ s: 'if', branches: [{ c: condExpr(ctx, 1), body: [{ s: 'break' }] }], els: null });
      return { s: 'whileTrue', body };
    }
    case 'try': {
      const body = genBlock(ctx, depth + 1, childCount(ctx, depth));
      const errName = ctx.fresh('error');
      const handler = genBlock(ctx, depth + 1, rng.int(0, 2));
      handler.unshift({ s: 'log', level: 'error', e: { k: 'fmt', parts: [rng.pick(VERBS), strLit(ctx), ':', E.num(0)] }, err: errName });
      const fin = rng.chance(0.3) ? genBlock(ctx, depth + 1, 1) : null;
      return { s: 'try', body, errName, handler, fin, twoHandlers: rng.chance(0.25) };
    }
    case 'switch': {
      const on = rng.pick(vars.str).name;
      const cases = rng.sample(file.strPool, rng.int(2, 5)).map((v) => ({ v, body: genBlock(ctx, depth + 1, rng.int(1, 2)) }));
      const def = genBlock(ctx, depth + 1, 1);
      return { s: 'switch', on, cases, def };
    }
    case 'global': {
      const g = rng.pick(file.globals);
      file.mutatedGlobals.add(g.name);
      if (g.kind === 'num') return { s: 'assign', name: g.name, op: '+=', e: E.num(1), global: true };
      return { s: 'assign', name: g.name, op: '=', e: strLit(ctx), global: true };
    }
    case 'sleep':
      file.usesTime = true;
      return { s: 'sleep', ms: rng.pick([100, 250, 500, 1000, 2000, 50]) };
    case 'brk':
      return { s: rng.chance(0.6) ? 'break' : 'continue', guard: condExpr(ctx, 1) };
    case 'recurse':
      return {
        s: 'if',
        branches: [{ c: E.bin('>', numExpr(ctx, 2), E.num(0)), body: [{ s: 'expr', e: { k: 'call', fn: ctx.self.name, args: argsFor(ctx, ctx.self.params) } }] }],
        els: null,
      };
    case 'throw':
      return { s: 'throw', msg: rng.pick(STRINGS) };
    default:
      return null;
  }
}

/** A function body: params already registered on ctx. Ends with a return of `ret`. */
function genBody(ctx, n, ret) {
  const body = [];
  const mark = ctx.mark();
  for (let i = 0; i < n; i++) {
    const stmt = genStmt(ctx, 0);
    if (stmt) body.push(stmt);
  }
  if (ret !== 'void') body.push({ s: 'return', e: exprOf(ctx, ret) });
  ctx.reset(mark);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Function / class plans shared by both languages.

const PARAM_COUNTS = { 0: 8, 1: 20, 2: 25, 3: 20, 4: 12, 5: 9, 6: 4, 7: 2 };

function planParams(rng, count) {
  const used = new Set();
  const params = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted({ num: 5, str: 3, arr: 2, obj: 1, bool: 1 });
    const words = { num: NUM_WORDS, str: STR_WORDS, arr: ARR_WORDS, obj: OBJ_WORDS, bool: BOOL_WORDS }[kind];
    let name = rng.pick(words);
    let j = 2;
    while (used.has(name)) name = `${rng.pick(words)}${j++}`;
    used.add(name);
    params.push({ name, kind, any: rng.chance(0.06), dflt: i === count - 1 && kind === 'num' && rng.chance(0.2) });
  }
  return params;
}

function planFunction(rng, used) {
  let name = `${rng.pick(VERBS)}${cap(rng.pick(NOUNS))}`;
  let i = 2;
  while (used.has(name)) name = `${rng.pick(VERBS)}${cap(rng.pick(NOUNS))}${i++}`;
  used.add(name);
  const count = Number(rng.weighted(PARAM_COUNTS));
  return {
    name,
    params: planParams(rng, count),
    ret: rng.weighted({ num: 5, str: 3, void: 2 }),
    exported: rng.chance(0.7),
    long: rng.chance(0.12),
    deep: rng.chance(0.08),
  };
}

function planClass(rng, used, big) {
  let name = `${cap(rng.pick(NOUNS))}${rng.pick(SUFFIXES)}`;
  let i = 2;
  while (used.has(name)) name = `${cap(rng.pick(NOUNS))}${rng.pick(SUFFIXES)}${i++}`;
  used.add(name);
  const methodUsed = new Set();
  const methodCount = big ? rng.int(24, 40) : rng.int(2, 6);
  const methods = [];
  for (let m = 0; m < methodCount; m++) {
    const fn = planFunction(rng, methodUsed);
    fn.params = fn.params.slice(0, rng.int(0, 5));
    methods.push(fn);
  }
  // Constructor parameters must not clash with the fields every generated class has.
  const ctor = planParams(rng, rng.int(1, 3)).map((p) => (['count', 'label'].includes(p.name) ? { ...p, name: `initial${cap(p.name)}` } : p));
  return { name, methods, big, ctor, exported: true };
}

function buildModulePlans(rng, count, lang) {
  const modules = [];
  const usedPaths = new Set();
  for (let i = 0; i < count; i++) {
    const pkg = PACKAGES[i % PACKAGES.length];
    const dirs = [pkg];
    if (rng.chance(0.25)) dirs.push(rng.pick(SUBPACKAGES));
    let base = `${rng.pick(NOUNS)}${rng.pick(SUFFIXES)}`;
    let n = 2;
    while (usedPaths.has(`${dirs.join('/')}/${base}`)) base = `${rng.pick(NOUNS)}${rng.pick(SUFFIXES)}${n++}`;
    usedPaths.add(`${dirs.join('/')}/${base}`);
    const size = rng.weighted({ small: 2, medium: 6, large: 2 });
    const fnCount = { small: rng.int(1, 3), medium: rng.int(3, 5), large: rng.int(6, 9) }[size];
    const used = new Set();
    const functions = [];
    for (let f = 0; f < fnCount; f++) functions.push(planFunction(rng, used));
    const classes = [];
    const big = rng.chance(lang === 'ts' ? 0.02 : 0.025);
    const classCount = big ? 1 : rng.weighted({ 0: 4, 1: 4, 2: 1 });
    for (let c = 0; c < Number(classCount); c++) classes.push(planClass(rng, used, big));
    modules.push({
      index: i,
      dirs,
      base: lang === 'ts' ? base[0].toLowerCase() + base.slice(1) : snake(base),
      functions,
      classes,
      imports: [],
      snippets: [],
      hasGlobals: rng.chance(0.3),
      consts: rng.sample(CONST_NAMES, rng.int(0, 3)),
      evalKind: null,
    });
  }
  // Imports: mostly towards earlier modules (a DAG), plus a few back edges that close cycles.
  for (const mod of modules) {
    if (mod.index === 0) continue;
    const fanOut = rng.chance(0.03) ? rng.int(14, 24) : rng.int(1, 7);
    const targets = new Set();
    for (let t = 0; t < fanOut; t++) {
      let target;
      if (rng.chance(0.04) && mod.index < modules.length - 1) target = rng.int(mod.index + 1, Math.min(modules.length - 1, mod.index + 30));
      else if (rng.chance(0.5)) target = rng.int(Math.max(0, mod.index - 25), mod.index - 1);
      else target = rng.int(0, mod.index - 1);
      targets.add(target);
    }
    // Names bound in the module: local definitions first, then each import once.
    const bound = new Set(mod.functions.map((f) => f.name).concat(mod.classes.map((c) => c.name)));
    const fresh = (item) => {
      if (bound.has(item.name)) return false;
      bound.add(item.name);
      return true;
    };
    for (const t of [...targets].sort((a, b) => a - b)) {
      const target = modules[t];
      const exportedFns = target.functions.filter((f) => f.exported);
      const names = rng.sample(exportedFns, rng.int(1, 3)).filter(fresh);
      const cls = target.classes.length && rng.chance(0.3) ? [rng.pick(target.classes)].filter(fresh) : [];
      if (names.length + cls.length > 0) mod.imports.push({ target, functions: names, classes: cls });
    }
  }
  return modules;
}

function buildSnippets(rng, count) {
  const snippets = [];
  for (let i = 0; i < count; i++) {
    const srng = new Rng(`${seed}:snippet:${i}`);
    const params = [
      { name: 'values', kind: 'arr' },
      { name: 'limit', kind: 'num' },
      { name: 'mode', kind: 'str' },
    ];
    const file = { strPool: STRINGS.slice(0, 6), consts: [], globals: [], callables: [], classes: [], mutatedGlobals: new Set() };
    const ctx = new FnContext(srng, file, { maxDepth: 3, allowExternal: false, reserved: params.map((p) => p.name) });
    for (const p of params) ctx.addVar(p.kind, p.name, true);
    const body = genBody(ctx, srng.int(6, 10), 'num');
    snippets.push({ id: i, params, body });
  }
  // Each snippet is pasted into 2-4 modules (assigned by the caller).
  return snippets;
}

// ---------------------------------------------------------------------------------------------
// TypeScript printer.

const TS_TYPES = { num: 'number', str: 'string', arr: 'number[]', obj: 'Record<string, number>', bool: 'boolean' };

function tsExpr(e, prec = 0) {
  switch (e.k) {
    case 'num':
      return e.v < 0 ? `-${Math.abs(e.v)}` : String(e.v);
    case 'str':
      return `'${e.v}'`;
    case 'bool':
      return String(e.v);
    case 'null':
      return 'null';
    case 'var':
      return e.name;
    case 'bin': {
      const p = { '||': 1, '&&': 2, '===': 3, '!==': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 }[e.op];
      const s = `${tsExpr(e.l, p)} ${e.op} ${tsExpr(e.r, p + 1)}`;
      return p < prec ? `(${s})` : s;
    }
    case 'not':
      return `!(${tsExpr(e.e)})`;
    case 'len':
      return `${tsExpr(e.e, 9)}.length`;
    case 'field':
      return `(${e.obj}['${e.key}'] ?? ${tsExpr(e.dflt)})`;
    case 'call':
      return `${e.fn}(${e.args.map((a) => tsExpr(a)).join(', ')})`;
    case 'new':
      return `new ${e.cls}(${e.args.map((a) => tsExpr(a)).join(', ')})`;
    case 'mcall':
      return `${e.obj}.${e.fn}(${e.args.map((a) => tsExpr(a)).join(', ')})`;
    case 'fmt':
      return '`' + e.parts.map((p) => (typeof p === 'string' ? p : `\${${tsExpr(p)}}`)).join('') + '`';
    case 'cond': {
      const s = `${tsExpr(e.c, 1)} ? ${tsExpr(e.a, 1)} : ${tsExpr(e.b, 1)}`;
      return prec > 0 ? `(${s})` : s;
    }
    case 'map':
      return `${e.arr}.map((entry) => entry ${e.op} ${tsExpr(e.n, 6)})`;
    case 'list':
      return `[${e.items.map((a) => tsExpr(a)).join(', ')}]`;
    case 'dict':
      return '{}';
    default:
      throw new Error(`tsExpr: unknown ${e.k}`);
  }
}

function tsBlock(stmts, ind, out) {
  for (const st of stmts) tsStmt(st, ind, out);
}

function tsStmt(st, ind, out) {
  const pad = '  '.repeat(ind);
  switch (st.s) {
    case 'decl': {
      const kw = st.mutable ? 'let' : 'const';
      const type = st.typed && TS_TYPES[st.kind] ? `: ${TS_TYPES[st.kind]}` : st.kind === 'arr' && st.e.k === 'list' && st.e.items.length === 0 ? ': number[]' : st.kind === 'obj' ? ': Record<string, number>' : '';
      out.push(`${pad}${kw} ${st.name}${type} = ${tsExpr(st.e)};`);
      break;
    }
    case 'assign':
      out.push(`${pad}${st.name} ${st.op} ${tsExpr(st.e)};`);
      break;
    case 'push':
      out.push(`${pad}${st.arr}.push(${tsExpr(st.e)});`);
      break;
    case 'log':
      out.push(`${pad}console.${st.level}(${tsExpr(st.e)}${st.err ? `, ${st.err}` : ''});`);
      break;
    case 'expr':
      out.push(`${pad}${tsExpr(st.e)};`);
      break;
    case 'block':
      tsBlock(st.body, ind, out);
      break;
    case 'if':
      st.branches.forEach((b, i) => {
        out.push(`${pad}${i === 0 ? 'if' : '} else if'} (${tsExpr(b.c)}) {`);
        tsBlock(b.body, ind + 1, out);
      });
      if (st.els) {
        out.push(`${pad}} else {`);
        tsBlock(st.els, ind + 1, out);
      }
      out.push(`${pad}}`);
      break;
    case 'for':
      out.push(`${pad}for (let ${st.v} = 0; ${st.v} < ${tsExpr(st.bound, 4)}; ${st.v}++) {`);
      tsBlock(st.body, ind + 1, out);
      out.push(`${pad}}`);
      break;
    case 'forOf':
      out.push(`${pad}for (const ${st.v} of ${st.arr}) {`);
      tsBlock(st.body, ind + 1, out);
      out.push(`${pad}}`);
      break;
    case 'while':
      out.push(`${pad}while (${tsExpr(st.c)}) {`);
      tsBlock(st.body, ind + 1, out);
      out.push(`${pad}}`);
      break;
    case 'whileTrue':
      out.push(`${pad}while (true) {`);
      tsBlock(st.body, ind + 1, out);
      out.push(`${pad}}`);
      break;
    case 'break':
    case 'continue':
      if (st.guard) {
        out.push(`${pad}if (${tsExpr(st.guard)}) {`);
        out.push(`${pad}  ${st.s};`);
        out.push(`${pad}}`);
      } else out.push(`${pad}${st.s};`);
      break;
    case 'try':
      out.push(`${pad}try {`);
      tsBlock(st.body, ind + 1, out);
      out.push(`${pad}} catch (${st.errName}) {`);
      tsBlock(st.handler, ind + 1, out);
      if (st.fin) {
        out.push(`${pad}} finally {`);
        tsBlock(st.fin, ind + 1, out);
      }
      out.push(`${pad}}`);
      break;
    case 'switch':
      out.push(`${pad}switch (${st.on}) {`);
      for (const c of st.cases) {
        out.push(`${pad}  case '${c.v}': {`);
        tsBlock(c.body, ind + 2, out);
        out.push(`${pad}    break;`);
        out.push(`${pad}  }`);
      }
      out.push(`${pad}  default: {`);
      tsBlock(st.def, ind + 2, out);
      out.push(`${pad}  }`);
      out.push(`${pad}}`);
      break;
    case 'return':
      out.push(`${pad}return ${tsExpr(st.e)};`);
      break;
    case 'throw':
      out.push(`${pad}throw new Error('${st.msg}');`);
      break;
    case 'sleep':
      out.push(`${pad}setTimeout(() => {`);
      out.push(`${pad}  console.debug('timer fired');`);
      out.push(`${pad}}, ${st.ms});`);
      break;
    case 'eval':
      out.push(`${pad}const ${st.name} = eval(${tsExpr(st.e)});`);
      break;
    default:
      throw new Error(`tsStmt: unknown ${st.s}`);
  }
}

function tsParamList(params, rng) {
  if (params.length >= 2 && rng.chance(0.08)) {
    // One destructured object parameter (counts as one positional parameter).
    const fields = params.map((p) => p.name).join(', ');
    const types = params.map((p) => `${p.name}: ${TS_TYPES[p.kind]}`).join('; ');
    return `{ ${fields} }: { ${types} }`;
  }
  return params
    .map((p) => {
      const type = p.any ? 'any' : TS_TYPES[p.kind];
      return p.dflt ? `${p.name}: ${type} = ${rng.pick([10, 3, 30, 100])}` : `${p.name}: ${type}`;
    })
    .join(', ');
}

const TS_RET = { num: 'number', str: 'string', void: 'void' };

function genFunctionBody(rng, file, fn, opts = {}) {
  const ctx = new FnContext(rng, file, {
    maxDepth: fn.deep ? rng.int(5, 7) : rng.weighted({ 1: 3, 2: 4, 3: 3, 4: 1.5, 5: 0.7, 6: 0.3 }) | 0,
    decay: fn.deep ? 0.95 : 0.55,
    reserved: fn.params.map((p) => p.name).concat([fn.name]),
    self: fn.params.length ? { name: opts.selfCall ?? fn.name, params: fn.params.map((p) => p.kind) } : null,
    inMethod: opts.inMethod,
  });
  for (const p of fn.params) ctx.addVar(p.kind, p.name, true);
  if (opts.fields) for (const f of opts.fields) ctx.addVar(f.kind, f.name, true);
  const n = fn.long ? rng.int(12, 20) : fn.deep ? rng.int(2, 3) : rng.int(2, 5);
  return genBody(ctx, n, fn.ret);
}

function fileContext(rng, mod) {
  const callables = [];
  const classes = [];
  for (const imp of mod.imports) {
    for (const f of imp.functions) callables.push({ name: f.name, params: f.params.map((p) => p.kind), ret: f.ret });
    for (const c of imp.classes) classes.push({ name: c.name, ctor: c.ctor.map((p) => p.kind), methods: c.methods.map((m) => ({ name: m.name, params: m.params.map((p) => p.kind) })) });
  }
  const strPool = rng.sample(STRINGS, 6);
  const globals = mod.hasGlobals ? rng.sample(GLOBAL_NAMES, rng.int(1, 3)).map(([name, kind]) => ({ name, kind })) : [];
  return {
    callables,
    classes,
    strPool,
    globals,
    mutatedGlobals: new Set(),
    consts: mod.consts.map(([name, value]) => ({ name, value })),
    usesTime: false,
  };
}

function tsImportPath(from, to, rng) {
  let rel = posix.relative(from.dirs.join('/'), to.dirs.join('/'));
  rel = rel === '' ? '.' : rel.startsWith('.') ? rel : `./${rel}`;
  return `${rel}/${to.base}${rng.chance(0.15) ? '.js' : ''}`;
}

function renderTsModule(mod) {
  const rng = new Rng(`${seed}:ts:${mod.dirs.join('/')}/${mod.base}`);
  const file = fileContext(rng, mod);
  const out = [];
  out.push('/**');
  out.push(` * ${cap(mod.base)}: generated benchmark module ${mod.index}.`);
  out.push(' */');
  if (rng.chance(0.15)) out.push(`import { readFileSync } from 'node:fs';`);
  for (const imp of mod.imports) {
    const names = imp.functions.map((f) => f.name).concat(imp.classes.map((c) => c.name));
    out.push(`import { ${names.join(', ')} } from '${tsImportPath(mod, imp.target, rng)}';`);
  }
  out.push('');
  // Types, with some `any`.
  const ifaceName = `${cap(mod.base)}Options`;
  out.push(`export interface ${ifaceName} {`);
  out.push('  id: number;');
  out.push('  label: string;');
  out.push(`  tags?: string[];`);
  if (rng.chance(0.5)) out.push('  meta?: any;');
  out.push('}');
  out.push('');
  if (rng.chance(0.4)) {
    out.push(`export type ${cap(mod.base)}Callback = (payload: ${rng.chance(0.5) ? 'any' : 'unknown'}) => Promise<void>;`);
    out.push('');
  }
  for (const c of file.consts) out.push(`export const ${c.name} = ${c.value};`);
  for (const g of file.globals) {
    const kw = rng.chance(0.7) ? 'let' : 'var';
    out.push(`${kw} ${g.name}${g.kind === 'num' ? ': number = 0' : ": string = 'idle'"};`);
  }
  if (file.consts.length || file.globals.length) out.push('');

  const localFns = [];
  const emitFunction = (fn, body) => {
    if (rng.chance(0.5)) out.push(`/** ${cap(fn.name.replace(/([A-Z])/g, ' $1').toLowerCase())}. */`);
    const asyncKw = fn.ret === 'void' && rng.chance(0.15) ? 'async ' : '';
    const ret = asyncKw ? 'Promise<void>' : TS_RET[fn.ret];
    out.push(`${fn.exported ? 'export ' : ''}${asyncKw}function ${fn.name}(${tsParamList(fn.params, rng)}): ${ret} {`);
    tsBlock(body, 1, out);
    out.push('}');
    out.push('');
  };

  for (const fn of mod.functions) {
    // Functions defined earlier in the file become callable later on.
    const body = genFunctionBody(rng, file, fn);
    emitFunction(fn, body);
    localFns.push(fn);
    file.callables.push({ name: fn.name, params: fn.params.map((p) => p.kind), ret: fn.ret });
  }

  for (const snip of mod.snippets) {
    const name = `${rng.pick(VERBS)}${cap(rng.pick(NOUNS))}Snapshot${snip.id}`;
    out.push(`export function ${name}(values: number[], limit: number, mode: string): number {`);
    tsBlock(snip.body, 1, out);
    out.push('}');
    out.push('');
  }

  if (mod.evalKind) {
    out.push(`export function evaluateExpression(expression: string): unknown {`);
    out.push(`  const result = eval(expression);`);
    out.push(`  return result;`);
    out.push('}');
    out.push('');
  }

  for (const cls of mod.classes) {
    const fields = [
      { name: 'this.count', kind: 'num' },
      { name: 'this.label', kind: 'str' },
      { name: 'this.history', kind: 'arr' },
    ];
    out.push(`export class ${cls.name} {`);
    out.push('  private count = 0;');
    out.push(`  private label = '${rng.pick(file.strPool)}';`);
    out.push('  private history: number[] = [];');
    out.push('');
    out.push(`  constructor(${cls.ctor.map((p) => `private readonly ${p.name}: ${TS_TYPES[p.kind]}`).join(', ')}) {}`);
    out.push('');
    for (const m of cls.methods) {
      const body = genFunctionBody(rng, file, m, { fields, selfCall: `this.${m.name}`, inMethod: true });
      const vis = rng.chance(0.2) ? 'private ' : rng.chance(0.1) ? 'protected ' : '';
      out.push(`  ${vis}${m.name}(${tsParamList(m.params, rng)}): ${TS_RET[m.ret]} {`);
      tsBlock(body, 2, out);
      out.push('  }');
      out.push('');
    }
    out.pop();
    out.push('}');
    out.push('');
  }

  // A module-level arrow helper now and then.
  if (rng.chance(0.3)) {
    out.push(`export const scale${cap(mod.base)} = (value: number): number => value * ${rng.pick(MAGIC)};`);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Python printer.

const PY_TYPES = { num: 'int', str: 'str', arr: 'list[int]', obj: 'dict[str, int]', bool: 'bool' };
const PY_RET = { num: 'int', str: 'str', void: 'None' };
const pyName = (name) => (name.startsWith('this.') ? `self.${snake(name.slice(5))}` : /^[A-Z][A-Z0-9_]*$/.test(name) || /^[A-Z]/.test(name) ? name : snake(name));

function pyExpr(e, prec = 0) {
  switch (e.k) {
    case 'num':
      return e.v < 0 ? `-${Math.abs(e.v)}` : String(e.v);
    case 'str':
      return `'${e.v}'`;
    case 'bool':
      return e.v ? 'True' : 'False';
    case 'null':
      return 'None';
    case 'var':
      return pyName(e.name);
    case 'bin': {
      const op = { '&&': 'and', '||': 'or', '===': '==', '!==': '!=' }[e.op] ?? e.op;
      const p = { or: 1, and: 2, '==': 4, '!=': 4, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 }[op];
      const s = `${pyExpr(e.l, p + (p === 4 ? 1 : 0))} ${op} ${pyExpr(e.r, p + 1)}`;
      return p < prec ? `(${s})` : s;
    }
    case 'not':
      return `not (${pyExpr(e.e)})`;
    case 'len':
      return `len(${pyExpr(e.e)})`;
    case 'field':
      return `${pyName(e.obj)}.get('${e.key}', ${pyExpr(e.dflt)})`;
    case 'call':
      return `${pyName(e.fn)}(${e.args.map((a) => pyExpr(a)).join(', ')})`;
    case 'new':
      return `${e.cls}(${e.args.map((a) => pyExpr(a)).join(', ')})`;
    case 'mcall':
      return `${pyName(e.obj)}.${pyName(e.fn)}(${e.args.map((a) => pyExpr(a)).join(', ')})`;
    case 'fmt':
      return `f"${e.parts.map((p) => (typeof p === 'string' ? p : `{${pyExpr(p).replace(/"/g, "'")}}`)).join('')}"`;
    case 'cond': {
      const s = `${pyExpr(e.a, 1)} if ${pyExpr(e.c, 1)} else ${pyExpr(e.b, 1)}`;
      return prec > 0 ? `(${s})` : s;
    }
    case 'map':
      return `[entry ${e.op} ${pyExpr(e.n, 6)} for entry in ${pyName(e.arr)}]`;
    case 'list':
      return `[${e.items.map((a) => pyExpr(a)).join(', ')}]`;
    case 'dict':
      return '{}';
    default:
      throw new Error(`pyExpr: unknown ${e.k}`);
  }
}

function pyBlock(stmts, ind, out) {
  const before = out.length;
  for (const st of stmts) pyStmt(st, ind, out);
  if (out.length === before) out.push(`${'    '.repeat(ind)}pass`);
}

function pyStmt(st, ind, out) {
  const pad = '    '.repeat(ind);
  switch (st.s) {
    case 'decl': {
      const type = st.typed && PY_TYPES[st.kind] ? `: ${PY_TYPES[st.kind]}` : '';
      out.push(`${pad}${pyName(st.name)}${type} = ${pyExpr(st.e)}`);
      break;
    }
    case 'assign':
      out.push(`${pad}${pyName(st.name)} ${st.op} ${pyExpr(st.e)}`);
      break;
    case 'push':
      out.push(`${pad}${pyName(st.arr)}.append(${pyExpr(st.e)})`);
      break;
    case 'log':
      out.push(`${pad}logger.${st.level === 'warn' ? 'warning' : st.level}(${pyExpr(st.e)}${st.err ? `, exc_info=${pyName(st.err)}` : ''})`);
      break;
    case 'expr':
      out.push(`${pad}${pyExpr(st.e)}`);
      break;
    case 'block':
      for (const s of st.body) pyStmt(s, ind, out);
      break;
    case 'if':
      st.branches.forEach((b, i) => {
        out.push(`${pad}${i === 0 ? 'if' : 'elif'} ${pyExpr(b.c)}:`);
        pyBlock(b.body, ind + 1, out);
      });
      if (st.els) {
        out.push(`${pad}else:`);
        pyBlock(st.els, ind + 1, out);
      }
      break;
    case 'for':
      out.push(`${pad}for ${pyName(st.v)} in range(${pyExpr(st.bound)}):`);
      pyBlock(st.body, ind + 1, out);
      break;
    case 'forOf':
      out.push(`${pad}for ${pyName(st.v)} in ${pyName(st.arr)}:`);
      pyBlock(st.body, ind + 1, out);
      break;
    case 'while':
      out.push(`${pad}while ${pyExpr(st.c)}:`);
      pyBlock(st.body, ind + 1, out);
      break;
    case 'whileTrue':
      out.push(`${pad}while True:`);
      pyBlock(st.body, ind + 1, out);
      break;
    case 'break':
    case 'continue':
      if (st.guard) {
        out.push(`${pad}if ${pyExpr(st.guard)}:`);
        out.push(`${pad}    ${st.s}`);
      } else out.push(`${pad}${st.s}`);
      break;
    case 'try':
      out.push(`${pad}try:`);
      pyBlock(st.body, ind + 1, out);
      if (st.twoHandlers) {
        out.push(`${pad}except (KeyError, IndexError):`);
        out.push(`${pad}    logger.debug('lookup failed')`);
      }
      out.push(`${pad}except ${st.twoHandlers ? 'Exception' : '(ValueError, TypeError)'} as ${pyName(st.errName)}:`);
      pyBlock(st.handler, ind + 1, out);
      if (st.fin) {
        out.push(`${pad}finally:`);
        pyBlock(st.fin, ind + 1, out);
      }
      break;
    case 'switch':
      st.cases.forEach((c, i) => {
        out.push(`${pad}${i === 0 ? 'if' : 'elif'} ${pyName(st.on)} == '${c.v}':`);
        pyBlock(c.body, ind + 1, out);
      });
      out.push(`${pad}else:`);
      pyBlock(st.def, ind + 1, out);
      break;
    case 'return':
      out.push(`${pad}return ${pyExpr(st.e)}`);
      break;
    case 'throw':
      out.push(`${pad}raise ValueError('${st.msg}')`);
      break;
    case 'sleep':
      out.push(`${pad}time.sleep(${st.ms / 1000})`);
      break;
    default:
      throw new Error(`pyStmt: unknown ${st.s}`);
  }
}

function collectGlobals(stmts, acc = new Set()) {
  for (const st of stmts) {
    if (st.s === 'assign' && st.global) acc.add(pyName(st.name));
    for (const key of ['body', 'handler', 'fin', 'els', 'def']) if (Array.isArray(st[key])) collectGlobals(st[key], acc);
    if (st.branches) for (const b of st.branches) collectGlobals(b.body, acc);
    if (st.cases) for (const c of st.cases) collectGlobals(c.body, acc);
  }
  return acc;
}

function pyParamList(params, rng, withSelf) {
  const typed = rng.chance(0.6);
  const parts = withSelf ? ['self'] : [];
  let kwOnly = params.length >= 3 && rng.chance(0.12);
  params.forEach((p, i) => {
    if (kwOnly && i === params.length - 1) {
      parts.push('*');
      kwOnly = false;
    }
    const type = typed ? `: ${p.any ? 'Any' : PY_TYPES[p.kind]}` : '';
    parts.push(`${pyName(p.name)}${type}${p.dflt || (parts.includes('*') && p.kind !== 'num') ? ` = ${p.kind === 'num' ? rng.pick([10, 3, 30, 100]) : 'None'}` : ''}`);
  });
  return { text: parts.join(', '), typed };
}

function pyImportLine(from, to, names, rng) {
  if (rng.chance(0.2)) return `from app.${to.dirs.join('.')}.${to.base} import ${names.join(', ')}`;
  let common = 0;
  while (common < from.dirs.length && common < to.dirs.length && from.dirs[common] === to.dirs[common]) common++;
  const dots = '.'.repeat(from.dirs.length - common + 1);
  const rest = to.dirs.slice(common).concat(to.base).join('.');
  return `from ${dots}${rest} import ${names.join(', ')}`;
}

function renderPyModule(mod) {
  const rng = new Rng(`${seed}:py:${mod.dirs.join('/')}/${mod.base}`);
  const file = fileContext(rng, mod);
  const body = [];

  for (const fn of mod.functions) {
    const stmts = genFunctionBody(rng, file, fn);
    const { text, typed } = pyParamList(fn.params, rng, false);
    const globals = collectGlobals(stmts);
    if (rng.chance(0.1)) body.push('@lru_cache(maxsize=128)');
    body.push(`def ${fn.exported ? '' : '_'}${pyName(fn.name)}(${text})${typed ? ` -> ${PY_RET[fn.ret]}` : ''}:`);
    if (rng.chance(0.5)) body.push(`    """${cap(snake(fn.name).replace(/_/g, ' '))}."""`);
    if (globals.size) body.push(`    global ${[...globals].join(', ')}`);
    pyBlock(stmts, 1, body);
    body.push('');
    body.push('');
    file.callables.push({ name: fn.exported ? fn.name : `_${snake(fn.name)}`, params: fn.params.map((p) => p.kind), ret: fn.ret });
  }

  for (const snip of mod.snippets) {
    body.push(`def ${snake(`${rng.pick(VERBS)}${cap(rng.pick(NOUNS))}Snapshot${snip.id}`)}(values: list[int], limit: int, mode: str) -> int:`);
    pyBlock(snip.body, 1, body);
    body.push('');
    body.push('');
  }

  if (mod.evalKind) {
    body.push('def evaluate_expression(expression: str) -> Any:');
    if (mod.evalKind === 'exec') {
      body.push('    namespace: dict[str, Any] = {}');
      body.push('    exec(expression, namespace)');
      body.push('    return namespace');
    } else {
      body.push('    return eval(expression)');
    }
    body.push('');
    body.push('');
  }

  for (const cls of mod.classes) {
    const fields = [
      { name: 'this.count', kind: 'num' },
      { name: 'this.label', kind: 'str' },
      { name: 'this.history', kind: 'arr' },
    ];
    body.push(`class ${cls.name}:`);
    body.push(`    """${cls.name} generated for the benchmark."""`);
    body.push('');
    body.push(`    def __init__(self, ${cls.ctor.map((p) => `${pyName(p.name)}: ${PY_TYPES[p.kind]}`).join(', ')}) -> None:`);
    for (const p of cls.ctor) body.push(`        self.${pyName(p.name)} = ${pyName(p.name)}`);
    body.push('        self.count = 0');
    body.push(`        self.label = '${rng.pick(file.strPool)}'`);
    body.push('        self.history: list[int] = []');
    for (const m of cls.methods) {
      body.push('');
      const stmts = genFunctionBody(rng, file, m, { fields, selfCall: `this.${m.name}`, inMethod: true });
      const { text, typed } = pyParamList(m.params, rng, true);
      const globals = collectGlobals(stmts);
      if (m.params.length === 0 && m.ret !== 'void' && rng.chance(0.2)) body.push('    @property');
      body.push(`    def ${pyName(m.name)}(${text})${typed ? ` -> ${PY_RET[m.ret]}` : ''}:`);
      if (globals.size) body.push(`        global ${[...globals].join(', ')}`);
      pyBlock(stmts, 2, body);
    }
    body.push('');
    body.push('');
  }

  const head = [];
  head.push(`"""${cap(mod.base.replace(/_/g, ' '))}: generated benchmark module ${mod.index}."""`);
  head.push('');
  head.push('from __future__ import annotations');
  head.push('');
  head.push('import logging');
  if (file.usesTime) head.push('import time');
  head.push('from functools import lru_cache');
  head.push('from typing import Any');
  head.push('');
  for (const imp of mod.imports) {
    const names = imp.functions.map((f) => pyName(f.name)).concat(imp.classes.map((c) => c.name));
    head.push(pyImportLine(mod, imp.target, names, rng));
  }
  head.push('');
  head.push('logger = logging.getLogger(__name__)');
  head.push('');
  for (const c of file.consts) head.push(`${c.name} = ${c.value}`);
  for (const g of file.globals) head.push(`${snake(g.name)} = ${g.kind === 'num' ? '0' : "'idle'"}`);
  head.push('');
  head.push('');
  // Trim trailing blank lines to exactly one newline at EOF.
  const lines = head.concat(body);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Driver.

function assignExtras(rng, modules, snippets, evalKinds) {
  for (const snip of snippets) {
    for (const idx of rng.sample(modules.map((m) => m.index), rng.int(2, 4))) modules[idx].snippets.push(snip);
  }
  const evalMods = rng.sample(modules, evalKinds.length);
  evalMods.forEach((m, i) => (m.evalKind = evalKinds[i]));
}

function countLines(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  if (text.length && text[text.length - 1] !== '\n') n++;
  return n;
}

export function writeTree(root, files) {
  rmSync(root, { recursive: true, force: true });
  for (const [rel, text] of files) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}

/**
 * Generates the corpus in memory: { ts: Map<relPath, text>, py: Map<relPath, text> }. Another
 * `from` seed gives another corpus of the same shapes and size (bench/shards.js --scale).
 */
export function generateCorpus(from = SEED) {
  seed = from;
  const rng = new Rng(seed);

  const tsModules = buildModulePlans(new Rng(`${seed}:plan:ts`), TS_MODULES, 'ts');
  assignExtras(rng, tsModules, buildSnippets(rng, 24), ['eval', 'eval']);
  const ts = new Map();
  for (const mod of tsModules) ts.set(`src/${mod.dirs.join('/')}/${mod.base}.ts`, renderTsModule(mod));
  // Barrel files, one per package.
  for (const pkg of PACKAGES) {
    const mods = tsModules.filter((m) => m.dirs.length === 1 && m.dirs[0] === pkg);
    ts.set(`src/${pkg}/index.ts`, mods.map((m) => `export * from './${m.base}';`).join('\n') + '\n');
  }

  const pyModules = buildModulePlans(new Rng(`${seed}:plan:py`), PY_MODULES, 'py');
  assignExtras(rng, pyModules, buildSnippets(new Rng(`${seed}:pysnippets`), 20), ['eval', 'exec']);
  const py = new Map();
  py.set('app/__init__.py', '"""Generated benchmark application."""\n');
  for (const mod of pyModules) {
    for (let d = 1; d <= mod.dirs.length; d++) {
      const init = `app/${mod.dirs.slice(0, d).join('/')}/__init__.py`;
      if (!py.has(init)) py.set(init, `"""Package ${mod.dirs.slice(0, d).join('.')}."""\n`);
    }
    py.set(`app/${mod.dirs.join('/')}/${mod.base}.py`, renderPyModule(mod));
  }
  return { ts, py };
}

function stats(files) {
  let lines = 0;
  for (const text of files.values()) lines += countLines(text);
  return { files: files.size, lines };
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP_FILE, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Makes sure bench/.corpus holds the corpus of this GENERATOR_VERSION. Returns
 * { regenerated, ts: {dir, files, lines}, py: {dir, files, lines} }.
 */
export function ensureCorpus({ force = false, log = console.log } = {}) {
  const stamp = readStamp();
  if (!force && stamp && stamp.version === GENERATOR_VERSION && stamp.seed === SEED && existsSync(TS_DIR) && existsSync(PY_DIR)) {
    return { regenerated: false, ts: { dir: TS_DIR, ...stamp.ts }, py: { dir: PY_DIR, ...stamp.py } };
  }
  log(`corpus: generating (generator version ${GENERATOR_VERSION}) ...`);
  const started = process.hrtime.bigint();
  const { ts, py } = generateCorpus();
  const tsStats = stats(ts);
  const pyStats = stats(py);
  if (tsStats.lines < MIN_TS_LINES) throw new Error(`corpus: TypeScript corpus has ${tsStats.lines} lines, needs >= ${MIN_TS_LINES}`);
  if (pyStats.lines < MIN_PY_LINES) throw new Error(`corpus: Python corpus has ${pyStats.lines} lines, needs >= ${MIN_PY_LINES}`);
  mkdirSync(CORPUS_DIR, { recursive: true });
  rmSync(STAMP_FILE, { force: true });
  writeTree(TS_DIR, ts);
  writeTree(PY_DIR, py);
  writeFileSync(STAMP_FILE, JSON.stringify({ version: GENERATOR_VERSION, seed: SEED, ts: tsStats, py: pyStats }, null, 2) + '\n');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  log(`corpus: written in ${(ms / 1000).toFixed(1)} s`);
  return { regenerated: true, ts: { dir: TS_DIR, ...tsStats }, py: { dir: PY_DIR, ...pyStats } };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = ensureCorpus({ force: process.argv.includes('--force') });
  if (!result.regenerated) console.log(`corpus: up to date (generator version ${GENERATOR_VERSION})`);
  console.log(`corpus: TypeScript ${result.ts.files} files, ${result.ts.lines} lines in ${result.ts.dir}`);
  console.log(`corpus: Python     ${result.py.files} files, ${result.py.lines} lines in ${result.py.dir}`);
}
