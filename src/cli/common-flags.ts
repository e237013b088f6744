import type { FlagSpec } from './flag-spec.js';

/** Flags that several commands share, declared once (flag-spec.ts; oclif-flags.ts for the oclif-only commands). */
export const CACHE_DIR_FLAG: FlagSpec = { kind: 'string', summary: 'cache directory (default: $CONNASCENCE_CACHE_DIR, else DIRECTORY/.connascence/cache)' };

export const MAX_FILE_SIZE_FLAG: FlagSpec = { kind: 'string', summary: 'skip files larger than this (bytes, or e.g. 512KiB, 2MiB)', default: '1MiB' };
