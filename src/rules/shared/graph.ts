/**
 * Small directed-graph helpers over nodes numbered 0..n-1 (adjacency lists).
 * Iterative, so deep graphs cannot overflow the stack.
 */

export type Adjacency = ReadonlyArray<readonly number[]>;

interface TarjanState {
  index: Int32Array;
  low: Int32Array;
  onStack: Uint8Array;
  stack: number[];
  components: number[][];
  counter: number;
}

function open(node: number, state: TarjanState): void {
  state.index[node] = state.counter;
  state.low[node] = state.counter;
  state.counter++;
  state.stack.push(node);
  state.onStack[node] = 1;
}

function popComponent(root: number, state: TarjanState): number[] {
  const component: number[] = [];
  let node: number;
  do {
    node = state.stack.pop()!;
    state.onStack[node] = 0;
    component.push(node);
  } while (node !== root);
  return component.sort((a, b) => a - b);
}

function visit(root: number, adjacency: Adjacency, state: TarjanState): void {
  const frames: Array<[number, number]> = [[root, 0]];
  open(root, state);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const [node, edge] = frame;
    const next = adjacency[node]![edge];
    if (next !== undefined) {
      frame[1] = edge + 1;
      if (state.index[next] === -1) {
        open(next, state);
        frames.push([next, 0]);
      } else if (state.onStack[next] === 1) state.low[node] = Math.min(state.low[node]!, state.index[next]!);
      continue;
    }
    frames.pop();
    const parent = frames[frames.length - 1];
    if (parent) state.low[parent[0]] = Math.min(state.low[parent[0]]!, state.low[node]!);
    if (state.low[node] === state.index[node]) state.components.push(popComponent(node, state));
  }
}

/** Strongly connected components (Tarjan), each sorted ascending, in reverse topological order. */
export function stronglyConnectedComponents(adjacency: Adjacency): number[][] {
  const size = adjacency.length;
  const state: TarjanState = {
    index: new Int32Array(size).fill(-1),
    low: new Int32Array(size),
    onStack: new Uint8Array(size),
    stack: [],
    components: [],
    counter: 0,
  };
  for (let node = 0; node < size; node++) if (state.index[node] === -1) visit(node, adjacency, state);
  return state.components;
}

/** Components with a real cycle: two or more nodes (self-loops are ignored). */
export function cyclicComponents(adjacency: Adjacency): number[][] {
  return stronglyConnectedComponents(adjacency).filter((component) => component.length >= 2);
}

/**
 * A shortest cycle `start -> ... -> start` that stays inside `members` (breadth-first search),
 * as the list of nodes without repeating `start` at the end; `[start]` when there is none.
 */
export function shortestCycle(start: number, adjacency: Adjacency, members: ReadonlySet<number>): number[] {
  const parent = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const next of adjacency[node]!) {
      if (next === start) return unwind(node, parent, start);
      if (!members.has(next) || parent.has(next)) continue;
      parent.set(next, node);
      queue.push(next);
    }
  }
  return [start];
}

function unwind(last: number, parent: ReadonlyMap<number, number>, start: number): number[] {
  const path = [last];
  while (path[0] !== start) path.unshift(parent.get(path[0]!)!);
  return path;
}
