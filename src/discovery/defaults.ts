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
