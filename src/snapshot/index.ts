/** Saving the index and its documents to a file, and reading it back only when it still matches. */
export { type RestoredState, restoreEngineState, snapshotReuse } from './engine-snapshot.js';
export { engineVersion, indexSettings, SNAPSHOT_FORMAT } from './engine-version.js';
export { decodeSnapshot, encodeSnapshot, SnapshotCorrupt } from './snapshot-file.js';
export { type SnapshotKey, type SnapshotLogger, SnapshotStore, snapshotFileFor } from './snapshot-store.js';
