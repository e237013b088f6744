/**
 * The memory tier: an LRU of serialised facts, bounded by bytes. It holds the JSON text rather
 * than the object so that (a) its size is known exactly and (b) every `get` returns a fresh
 * object the caller may mutate (the engine re-sets `path` on hits) without corrupting the entry.
 */
import { LRUCache } from 'lru-cache';

/** Default bound of the memory tier. */
export const DEFAULT_MEMORY_BYTES = 64 * 1024 * 1024;

export class MemoryTier {
  private readonly lru: LRUCache<string, string>;

  constructor(maxBytes: number = DEFAULT_MEMORY_BYTES) {
    if (!Number.isFinite(maxBytes) || maxBytes < 1) throw new RangeError(`memoryBytes must be a positive number of bytes, got ${maxBytes}`);
    // Size = string length: JSON of facts is ASCII but for string literals, so this is the byte
    // count of the serialised form (and half of what V8 may use for two-byte strings).
    this.lru = new LRUCache<string, string>({ maxSize: Math.floor(maxBytes), sizeCalculation: (value) => Math.max(value.length, 1) });
  }

  get(key: string): string | undefined {
    return this.lru.get(key);
  }

  /** An entry larger than the whole bound is simply not kept (lru-cache skips it). */
  set(key: string, payload: string): void {
    this.lru.set(key, payload);
  }

  get size(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }
}
