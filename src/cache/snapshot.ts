/**
 * Cache snapshots: portable tar archives of the disk store, for CI caches and for baking a warm,
 * read-only snapshot into the analysis-runtime image. Export and import live in their own files.
 */
export { exportSnapshot, type SnapshotExport } from './snapshot-export.js';
export { importSnapshot, installSnapshotDir, type SnapshotImport } from './snapshot-import.js';
export { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION, type SnapshotManifest } from './snapshot-manifest.js';
