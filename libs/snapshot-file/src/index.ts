export { sharedCopy, snapshotFilePath, verifiedOrRebuiltSnapshot, writeSnapshotFile } from './snapshot-file';
