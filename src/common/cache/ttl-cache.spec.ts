import { afterEach, describe, expect, it, vi } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  afterEach(() => vi.useRealTimers());

  it('shares one load between concurrent misses', async () => {
    const cache = new TtlCache<number>(1000);
    const load = vi.fn(async () => 42);
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual([42, 42]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('serves a stale entry at once while one reload runs, then the fresh value', async () => {
    vi.useFakeTimers();
    const cache = new TtlCache<number>(1000);
    let next = 1;
    const load = vi.fn(async () => next++);
    expect(await cache.get('k', load)).toBe(1);
    vi.advanceTimersByTime(1001);
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual([1, 1]);
    expect(load).toHaveBeenCalledTimes(2);
    await vi.runAllTimersAsync();
    expect(await cache.get('k', load)).toBe(2);
  });

  it('does not remember failures, and can be cleared', async () => {
    const cache = new TtlCache<number>(60_000);
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 1)).toBe(1);
    cache.clear();
    expect(await cache.get('k', async () => 2)).toBe(2);
  });

  it('evicts the oldest entry when full', async () => {
    const cache = new TtlCache<string>(60_000, 2);
    await cache.get('a', async () => 'a');
    await cache.get('b', async () => 'b');
    await cache.get('c', async () => 'c');
    expect(await cache.get('a', async () => 'reloaded')).toBe('reloaded');
  });
});
