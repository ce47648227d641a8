// Worker thread entry for the vision pool: loads the backend and models once, then answers
// analyzeFrame / analyzeFrames tasks. Run from compiled JavaScript (dist/src/ml/vision/vision.worker.js).
import { getBackendInfo, loadFaceApi } from '../backend.js';
import { serveTasks } from '../pool-worker.js';
import { analyzeFrame, analyzeFrames, type AnalyzeFramesOptions, type FrameAnalysis } from './analyze-frame.js';

export type VisionTask =
  | { kind: 'analyzeFrame'; jpeg: Uint8Array; opts?: AnalyzeFramesOptions }
  | { kind: 'analyzeFrames'; jpegs: Uint8Array[]; opts?: AnalyzeFramesOptions }
  | { kind: 'info' };

export type VisionTaskResult = FrameAnalysis | FrameAnalysis[] | { backend: ReturnType<typeof getBackendInfo> };

// Start loading as soon as the worker starts, so the first task does not pay for it alone.
// Each worker logs its backend once ("[ml] TensorFlow.js backend: wasm (SIMD on) in thread N").
const ready = loadFaceApi();
ready.catch(() => {}); // reported by the first task instead of as an unhandled rejection

serveTasks(async (task: VisionTask): Promise<VisionTaskResult> => {
  await ready;
  switch (task.kind) {
    case 'analyzeFrame':
      return analyzeFrame(task.jpeg, task.opts);
    case 'analyzeFrames':
      return analyzeFrames(task.jpegs, task.opts);
    case 'info':
      return { backend: getBackendInfo() };
    default:
      throw new Error(`Unknown vision task ${(task as { kind?: unknown }).kind as string}`);
  }
});
