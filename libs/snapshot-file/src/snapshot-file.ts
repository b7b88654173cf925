import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';

/**
 * Where the snapshot `name` of the data a module builds lives, named by the first 16 hex digits of its
 * fingerprint: beside the module's library in a build (`dist/libs/<lib>/`), in the system's temporary folder when
 * the module runs from its TypeScript source (tests, benchmarks through a loader).
 */
export function snapshotFilePath(moduleFile: string, name: string, fingerprint: string): string {
  const dir = extname(moduleFile) === '.js' ? dirname(dirname(moduleFile)) : join(tmpdir(), 'news-ingest');
  return join(dir, `${name}.${fingerprint.slice(0, 16)}.snapshot`);
}

/**
 * The snapshot's bytes: the file at `path` when `verify` accepts them (it throws on bytes of other code or
 * damaged ones), else `build()`'s, written to `path` for the next start (`writeSnapshotFile`).
 */
export function verifiedOrRebuiltSnapshot(
  path: string,
  name: string,
  verify: (bytes: Buffer) => void,
  build: () => Uint8Array,
): Uint8Array {
  if (existsSync(path)) {
    const bytes = readFileSync(path);
    try {
      verify(bytes);
      return bytes;
    } catch {
      // refused (stale or damaged): rebuilt below
    }
  }
  const bytes = build();
  writeSnapshotFile(path, name, bytes);
  return bytes;
}

/**
 * Writes `bytes` to `path` atomically (several processes may start at once) and removes the other snapshots of
 * `name` beside it. A failure is not an error: a read-only install builds the data at every start instead.
 */
export function writeSnapshotFile(path: string, name: string, bytes: Uint8Array): void {
  const others = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\.[0-9a-f]{16}\\.snapshot$`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
    for (const file of readdirSync(dirname(path)))
      if (others.test(file) && join(dirname(path), file) !== path)
        rmSync(join(dirname(path), file), { force: true });
  } catch {
    // read-only or full: the next start builds it again
  }
}

/** The same bytes in a SharedArrayBuffer, to hand to other threads (a structured clone shares, not copies, it). */
export function sharedCopy(bytes: Uint8Array): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  return shared;
}
