// Returning freed native memory to the OS.
//
// Why: glibc's malloc keeps memory that threads freed inside its heaps and only gives back what lies
// at the top of a heap. The scoring workers' big native allocations are short-lived — V8 compiling
// harper's 10 MB WebAssembly module on background threads, harper building its spelling structures
// for the first long misspelt word — so after loading, ≈ 120 MB of the process's RSS was free memory
// glibc kept (measured with bench/memory.mjs: 462 → 339 MB for harper alone after one trim).
// malloc_trim(0) also releases free pages in the middle of heaps. Setting MALLOC_MMAP_THRESHOLD_
// low instead had the same effect on memory but made a scored session ≈ 30 % slower (every V8
// compiler zone became an mmap), so we trim at quiet moments instead.
//
// glibc's malloc_trim is reached through `koffi` (an optional dependency with prebuilt binaries);
// where koffi is missing or libc is not glibc (musl, macOS), this is a no-op.
import { createRequire } from 'node:module';

type Trim = (pad: number) => number;

let trimFn: Trim | null | undefined;

function loadTrim(): Trim | null {
  if (process.platform !== 'linux') return null;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as {
      load(path: string): { func(signature: string): Trim };
    };
    return koffi.load('libc.so.6').func('int malloc_trim(size_t pad)');
  } catch {
    return null;
  }
}

/** Whether releaseFreedMemory can do anything on this machine. */
export function canReleaseFreedMemory(): boolean {
  trimFn ??= loadTrim();
  return trimFn !== null;
}

/**
 * Gives free malloc memory of every thread of the process back to the OS. Takes a few ms (up to
 * ≈ 15 ms after harper's warm-up) while holding the allocator's locks, so call it when the work that
 * freed the memory is done, not per task. Returns whether memory was released.
 */
export function releaseFreedMemory(): boolean {
  if (!canReleaseFreedMemory()) return false;
  return trimFn!(0) === 1;
}
