// The record file behind the parse cache and the saved indexes: what a producer hands the
// writer (whole records, records in parts, one buffer reused between records) is what a
// reader gets back.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecordFile, writeRecordFile, type RecordBytes } from '../../src/storage/record-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'commonplace-records-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Record i: its bytes are i repeated, `sizes[i]` of them. */
const expected = (sizes: number[]) => sizes.map((n, i) => Buffer.alloc(n, i));

/** Compared byte for byte (a deep equality over megabytes would take seconds). */
function expectSame(got: Buffer[], want: Buffer[]): void {
  expect(got.map((b) => b.length)).toEqual(want.map((b) => b.length));
  for (const [i, b] of got.entries()) expect(b.equals(want[i]!), `record ${i}`).toBe(true);
}

async function readBack(file: string): Promise<Buffer[]> {
  const got: Buffer[] = [];
  const { status } = await readRecordFile(file, { format: 1, key: 'k' }, (bytes) => {
    got.push(Buffer.from(bytes));
  });
  expect(status).toBe('loaded');
  return got;
}

describe('record files', () => {
  // The last record is bigger than the writer's 4 MB output buffer, so it goes out on its own.
  const sizes = [0, 1, 1000, 300_000, 2_000_000, 5_000_000, 7];

  it('give back records written whole from one reused buffer', async () => {
    const file = path.join(dir, 'whole.bin');
    function* records(): Generator<RecordBytes> {
      let shared = Buffer.alloc(0);
      for (const [i, n] of sizes.entries()) {
        if (shared.length < n) shared = Buffer.allocUnsafe(n);
        yield shared.subarray(0, n).fill(i);
      }
    }
    await writeRecordFile(file, { format: 1, key: 'k' }, records(), sizes.length);
    expectSame(await readBack(file), expected(sizes));
  });

  it('give back records written in parts', async () => {
    const file = path.join(dir, 'parts.bin');
    const records = expected(sizes).map((b): RecordBytes => {
      const a = Math.min(3, b.length);
      const z = Math.max(a, b.length - 1);
      return [b.subarray(0, a), b.subarray(a, z), b.subarray(z)];
    });
    await writeRecordFile(file, { format: 1, key: 'k' }, records, sizes.length);
    expectSame(await readBack(file), expected(sizes));
  });

  it('refuse a record count that does not match, and leave no file behind', async () => {
    const file = path.join(dir, 'short.bin');
    await expect(writeRecordFile(file, { format: 1, key: 'k' }, [Buffer.from('a')], 2)).rejects.toThrow(/count mismatch/);
    expect(await readdir(dir)).toEqual([]);
  });
});
