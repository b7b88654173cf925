import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedCopy, snapshotFilePath, verifiedOrRebuiltSnapshot, writeSnapshotFile } from './snapshot-file';

describe('snapshot files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'snapshot-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fingerprint = 'ab'.repeat(32);
  const accept = (expected: string) => (bytes: Buffer) => {
    if (bytes.toString() !== expected) throw new Error('refused');
  };

  it('names the file by its fingerprint, beside the library when built and in the temporary folder otherwise', () => {
    expect(
      snapshotFilePath('/app/dist/libs/tagging/src/gazetteer-snapshot.js', 'gazetteer', fingerprint),
    ).toBe(`/app/dist/libs/tagging/gazetteer.${'ab'.repeat(8)}.snapshot`);
    expect(snapshotFilePath('/repo/libs/tagging/src/gazetteer-snapshot.ts', 'gazetteer', fingerprint)).toBe(
      join(tmpdir(), 'news-ingest', `gazetteer.${'ab'.repeat(8)}.snapshot`),
    );
  });

  it('reads an accepted file without building', () => {
    const path = join(dir, `data.${'ab'.repeat(8)}.snapshot`);
    writeFileSync(path, 'good');
    const build = jest.fn(() => Buffer.from('built'));
    expect(Buffer.from(verifiedOrRebuiltSnapshot(path, 'data', accept('good'), build)).toString()).toBe(
      'good',
    );
    expect(build).not.toHaveBeenCalled();
  });

  it('rebuilds and rewrites a refused or missing file', () => {
    const path = join(dir, `data.${'ab'.repeat(8)}.snapshot`);
    writeFileSync(path, 'stale');
    const built = verifiedOrRebuiltSnapshot(path, 'data', accept('good'), () => Buffer.from('good'));
    expect(Buffer.from(built).toString()).toBe('good');
    expect(readFileSync(path, 'utf8')).toBe('good');
    rmSync(path);
    verifiedOrRebuiltSnapshot(path, 'data', accept('good'), () => Buffer.from('good'));
    expect(existsSync(path)).toBe(true);
  });

  it('removes older snapshots of the same name only, and leaves no temporary file', () => {
    writeFileSync(join(dir, `data.${'cd'.repeat(8)}.snapshot`), 'old');
    writeFileSync(join(dir, `data-other.${'cd'.repeat(8)}.snapshot`), 'another name');
    writeFileSync(join(dir, 'data.not-a-fingerprint.snapshot'), 'kept');
    writeSnapshotFile(join(dir, `data.${'ab'.repeat(8)}.snapshot`), 'data', Buffer.from('new'));
    expect(readdirSync(dir).sort()).toEqual(
      [
        `data-other.${'cd'.repeat(8)}.snapshot`,
        `data.${'ab'.repeat(8)}.snapshot`,
        'data.not-a-fingerprint.snapshot',
      ].sort(),
    );
  });

  it('does not throw where it cannot write', () => {
    const blocked = join(dir, 'file');
    writeFileSync(blocked, 'a file, not a folder');
    expect(() =>
      writeSnapshotFile(join(blocked, `data.${'ab'.repeat(8)}.snapshot`), 'data', Buffer.from('x')),
    ).not.toThrow();
  });

  it('copies bytes into shared memory', () => {
    const shared = sharedCopy(Buffer.from('abc'));
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(shared).toString()).toBe('abc');
  });
});
