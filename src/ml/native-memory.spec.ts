import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { canReleaseFreedMemory, releaseFreedMemory } from './native-memory.js';

const rssMb = () => process.memoryUsage().rss / 1e6;
// A full collection on demand, without running the test process with --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('releaseFreedMemory', () => {
  it.runIf(process.platform === 'linux')('is available on Linux with glibc (koffi installed)', () => {
    expect(canReleaseFreedMemory()).toBe(true);
  });

  it.runIf(process.platform === 'linux')('gives back freed memory that glibc kept inside its heap', async () => {
    // 90 MB of 30 KB buffers (below glibc's mmap threshold, so they come from the heap), every
    // 20th kept alive so the freed ones are holes that free() cannot return by itself.
    const kept: Buffer[] = [];
    // The others go out of scope with this function.
    ((freed: Buffer[]) => {
      for (let i = 0; i < 3000; i++) (i % 20 === 0 ? kept : freed).push(Buffer.alloc(30_000, 1));
    })([]);
    // V8 frees dead ArrayBuffers' memory on a background thread after a collection.
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const before = rssMb();
    expect(releaseFreedMemory()).toBe(true);
    expect(before - rssMb()).toBeGreaterThan(40);
    expect(kept.every((b) => b[29_999] === 1)).toBe(true);
  });
});
