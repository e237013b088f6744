/** Folders never walked: dependencies, virtualenvs, build output, caches, VCS metadata. */
export const DEFAULT_SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '.env',
  'env',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  '.connascence',
  'site-packages',
  '.eggs',
]);

/** Default size limit for one file: 1 MiB. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/**
 * The largest file the parsers are given, whatever --max-file-size says. oxc hands a 64 MB
 * minified file's AST over as one JSON string longer than V8 allows ("Failed to convert rust
 * String") on Node 20, and a 54 MB file took 3.1 GB; at 16 MiB a file costs about 1 GB at most.
 */
export const MAX_PARSED_FILE_SIZE = 16 * 1024 * 1024;
