// Typed front for running the vision pipeline on a WorkerPool of vision.worker.js threads.
import { WorkerPool, type WorkerPoolOptions } from '../pool.js';
import type { AnalyzeFramesOptions, FrameAnalysis } from './analyze-frame.js';
import type { VisionTask } from './vision.worker.js';

/**
 * The compiled worker next to this module. From `dist/src/ml/vision/vision-pool.js` this is
 * `dist/src/ml/vision/vision.worker.js`; from the TypeScript sources (Vitest) it does not exist,
 * so tests pass a compiled `workerUrl` (see vision-pool.spec.ts).
 */
export const DEFAULT_VISION_WORKER_URL = new URL('./vision.worker.js', import.meta.url);

export interface VisionPoolOptions extends Partial<Omit<WorkerPoolOptions, 'workerUrl'>> {
  workerUrl?: URL | string;
}

/**
 * Copies the frames into one new ArrayBuffer and returns views on it plus that buffer, to be
 * *transferred* to the worker: one memcpy (≈50 µs for 25 frames of 50 KB) instead of a
 * structured clone per frame, and the caller's Buffers stay usable (e.g. for a retry).
 */
export function packFrames(frames: ReadonlyArray<Uint8Array>): { views: Uint8Array[]; buffer: ArrayBuffer } {
  const total = frames.reduce((n, f) => n + f.byteLength, 0);
  const buffer = new ArrayBuffer(total);
  const views: Uint8Array[] = [];
  let offset = 0;
  for (const f of frames) {
    const view = new Uint8Array(buffer, offset, f.byteLength);
    view.set(f);
    views.push(view);
    offset += f.byteLength;
  }
  return { views, buffer };
}

export class VisionPool {
  readonly pool: WorkerPool<VisionTask>;

  constructor(opts: VisionPoolOptions = {}) {
    this.pool = new WorkerPool<VisionTask>({ name: 'vision', ...opts, workerUrl: opts.workerUrl ?? DEFAULT_VISION_WORKER_URL });
  }

  analyzeFrame(jpeg: Uint8Array, opts?: AnalyzeFramesOptions): Promise<FrameAnalysis> {
    const { views, buffer } = packFrames([jpeg]);
    return this.pool.run<FrameAnalysis>({ kind: 'analyzeFrame', jpeg: views[0]!, opts }, [buffer]);
  }

  /** Frames of one recording, in order, on one worker (so ROI tracking can follow the face). */
  analyzeFrames(jpegs: ReadonlyArray<Uint8Array>, opts?: AnalyzeFramesOptions): Promise<FrameAnalysis[]> {
    if (jpegs.length === 0) return Promise.resolve([]);
    const { views, buffer } = packFrames(jpegs);
    return this.pool.run<FrameAnalysis[]>({ kind: 'analyzeFrames', jpegs: views, opts }, [buffer]);
  }

  /**
   * A long recording split into `chunkSize` runs spread over the workers, results in frame order.
   * Each chunk starts with a full-frame detection.
   */
  async analyzeRecording(jpegs: ReadonlyArray<Uint8Array>, opts?: AnalyzeFramesOptions & { chunkSize?: number }): Promise<FrameAnalysis[]> {
    const { chunkSize: size, ...frameOpts } = opts ?? {};
    const chunkSize = Math.max(1, size ?? 20);
    const chunks: Array<Promise<FrameAnalysis[]>> = [];
    for (let i = 0; i < jpegs.length; i += chunkSize) chunks.push(this.analyzeFrames(jpegs.slice(i, i + chunkSize), frameOpts));
    return (await Promise.all(chunks)).flat();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
