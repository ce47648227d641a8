// Worker-side half of WorkerPool: call `serveTasks(handler)` once in the worker module.
import { parentPort, type TransferListItem } from 'node:worker_threads';
import { serializeError, type ResultMessage, type TaskMessage } from './pool-protocol.js';

const TRANSFER = Symbol('transfer');

/** A handler result whose listed ArrayBuffers are moved to the parent instead of copied. */
export interface WithTransfer<T> {
  [TRANSFER]: true;
  value: T;
  transferList: TransferListItem[];
}

export function withTransfer<T>(value: T, transferList: TransferListItem[]): WithTransfer<T> {
  return { [TRANSFER]: true, value, transferList };
}

function isWithTransfer(v: unknown): v is WithTransfer<unknown> {
  return typeof v === 'object' && v !== null && TRANSFER in v;
}

/**
 * Answers the pool's task messages with `handler`, one task at a time (the models are
 * single-threaded; interleaving two tasks would only add latency to both).
 */
export function serveTasks<TTask>(handler: (task: TTask) => unknown): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks() must be called inside a worker thread');
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (msg: TaskMessage<TTask>) => {
    chain = chain.then(async () => {
      let reply: ResultMessage;
      let transferList: TransferListItem[] = [];
      try {
        let result = await handler(msg.task);
        if (isWithTransfer(result)) {
          transferList = result.transferList;
          result = result.value;
        }
        reply = { id: msg.id, ok: true, result };
      } catch (err) {
        reply = { id: msg.id, ok: false, error: serializeError(err) };
      }
      port.postMessage(reply, transferList);
    });
  });
}
