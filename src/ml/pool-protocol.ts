// Messages between WorkerPool (pool.ts) and a worker (pool-worker.ts). Kept tiny and plain so a
// worker can also be written in plain JavaScript (see the fixture in pool.spec.ts):
//   parent → worker: { id, task }
//   worker → parent: { id, ok: true, result } | { id, ok: false, error: { name, message, stack? } }

export interface TaskMessage<TTask = unknown> {
  id: number;
  task: TTask;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type ResultMessage = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedError };

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}

export function isResultMessage(msg: unknown): msg is ResultMessage {
  return typeof msg === 'object' && msg !== null && typeof (msg as { id?: unknown }).id === 'number' && 'ok' in msg;
}
