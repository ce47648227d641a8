/**
 * A small in-process cache for expensive, slowly-changing reads (list pages and totals, filter
 * options, home-page aggregates, popular searches). After `ttlMs` an entry is stale: the next read
 * still gets it at once while one reload runs behind it, so an expiry never makes a visitor wait.
 * Several instances stay close to each other without sharing state; writers `clear()` to show
 * their own change at once. Concurrent misses for one key share a single load.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expires: number; refreshing: boolean }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (hit && !hit.refreshing) {
      hit.refreshing = true;
      load().then(
        (value) => this.entries.set(key, { value: Promise.resolve(value), expires: Date.now() + this.ttlMs, refreshing: false }),
        () => this.entries.delete(key),
      );
    }
    if (hit) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    const value = load();
    this.entries.set(key, { value, expires: now + this.ttlMs, refreshing: false });
    // A failed load must not be remembered.
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
