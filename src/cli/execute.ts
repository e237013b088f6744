/**
 * oclif's entry point, for bin/run.js. Imported from here rather than from '@oclif/core/execute', it
 * is bundled (rolldown.config.mjs) with the one copy of oclif that the commands use: a few files to
 * load instead of about a hundred.
 */
export { execute } from '@oclif/core';
