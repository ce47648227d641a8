import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * better-sqlite3 gives TypeORM a single connection, so two requests that write at the same time
 * would interleave their transactions on it ("cannot start a transaction within a transaction", or
 * one request's rollback undoing another's write). On SQLite we therefore run every transaction —
 * including the implicit one around save()/insert()/update() — one at a time, and let statements
 * from outside wait while another request's transaction is open. AsyncLocalStorage marks the code
 * running inside the current transaction so its own nested work does not wait for itself.
 */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

const WRITE_METHODS = ['save', 'insert', 'update', 'delete', 'remove', 'upsert', 'increment', 'decrement', 'softDelete', 'restore'] as const;

type AnyAsync = (...args: unknown[]) => Promise<unknown>;

export function serializeSqliteWrites(dataSource: DataSource): void {
  const mutex = new Mutex();
  const inside = new AsyncLocalStorage<true>();
  const manager = dataSource.manager as unknown as Record<string, AnyAsync>;

  const originalTransaction = manager.transaction!.bind(manager);
  const transaction: AnyAsync = (...args) =>
    inside.getStore() ? originalTransaction(...args) : mutex.run(() => inside.run(true, () => originalTransaction(...args)));
  manager.transaction = transaction;

  for (const method of WRITE_METHODS) {
    const original = manager[method]!.bind(manager);
    manager[method] = (...args: unknown[]) =>
      inside.getStore() ? original(...args) : transaction((tx: EntityManager) => (tx as unknown as Record<string, AnyAsync>)[method]!(...args));
  }

  const runner = dataSource.createQueryRunner() as QueryRunner;
  const target = runner as unknown as { query: AnyAsync };
  const originalQuery = target.query.bind(runner);
  target.query = (...args) =>
    runner.isTransactionActive && !inside.getStore() ? mutex.run(() => originalQuery(...args)) : originalQuery(...args);
}
