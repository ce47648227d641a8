// The backend choice with stand-ins for the packages: @tensorflow/tfjs-node cannot be installed on
// this machine (its install downloads libtensorflow), so these tests are what runs its branch. The
// stand-ins are small objects, not tfjs: what is under test is our selection, not the packages.
// The real WASM path is exercised by vision/analyze-frame.spec.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeTfjsNode, selectTfBackend, TFJS_NODE_PACKAGE, type FaceApi, type TfBackendDeps } from './backend.js';

function notFound(specifier: string): Error {
  return Object.assign(new Error(`Cannot find module '${specifier}'`), { code: 'MODULE_NOT_FOUND' });
}

/** A face-api stand-in whose engine only needs to become ready. */
function fakeFaceApi(label: string): FaceApi & { label: string } {
  return { label, tf: { ready: () => Promise.resolve() } } as unknown as FaceApi & { label: string };
}

interface Recorder {
  deps: TfBackendDeps;
  logs: string[];
  log: (m: string) => void;
  imported: string[];
  loaded: string[];
}

/**
 * tfjs-node 'present' (resolves and imports), 'absent' (does not resolve) or 'broken' (resolves,
 * but importing throws as when its native library is missing).
 */
function world(tfjsNode: 'present' | 'absent' | 'broken', env: Record<string, string | undefined> = {}): Recorder {
  const logs: string[] = [];
  const imported: string[] = [];
  const loaded: string[] = [];
  const deps: TfBackendDeps = {
    env,
    resolve: (specifier) => {
      if (tfjsNode === 'absent') throw notFound(specifier);
      return `/app/node_modules/${specifier}/dist/index.js`;
    },
    importModule: (specifier) => {
      imported.push(specifier);
      if (tfjsNode === 'broken') {
        const err = Object.assign(new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory'), {
          code: 'ERR_DLOPEN_FAILED',
        });
        return Promise.reject(err);
      }
      return Promise.resolve({ version: { 'tfjs-node': '4.22.0' } });
    },
    loadNodeFaceApi: () => {
      loaded.push('node');
      return Promise.resolve(fakeFaceApi('node'));
    },
    loadWasmFaceApi: () => {
      loaded.push('wasm');
      return Promise.resolve({ faceapi: fakeFaceApi('wasm'), simd: true });
    },
  };
  return { deps, logs, log: (m) => logs.push(m), imported, loaded };
}

describe('selectTfBackend', () => {
  it('uses tfjs-node when it is installed and loads, and reports the native backend', async () => {
    const w = world('present');
    const { info, faceapi } = await selectTfBackend({ log: w.log }, w.deps);
    expect(info).toEqual({ name: 'tensorflow', simd: false });
    expect((faceapi as FaceApi & { label: string }).label).toBe('node');
    expect(w.imported).toEqual([TFJS_NODE_PACKAGE]);
    expect(w.loaded).toEqual(['node']);
    expect(w.logs).toHaveLength(1);
    expect(w.logs[0]).toMatch(/TensorFlow\.js backend: tensorflow \(tfjs-node, native\)/);
  });

  it('uses WASM with SIMD when tfjs-node is not installed, without trying to import it', async () => {
    const w = world('absent');
    const { info } = await selectTfBackend({ log: w.log }, w.deps);
    expect(info).toEqual({ name: 'wasm', simd: true });
    expect(w.imported).toEqual([]);
    expect(w.loaded).toEqual(['wasm']);
    expect(w.logs[0]).toMatch(/backend: wasm \(SIMD on\).*@tensorflow\/tfjs-node is not installed/);
  });

  it('falls back to WASM and logs why when tfjs-node is installed but fails to load', async () => {
    const w = world('broken');
    const { info } = await selectTfBackend({ log: w.log }, w.deps);
    expect(info.name).toBe('wasm');
    expect(w.loaded).toEqual(['wasm']);
    expect(w.logs[0]).toContain(
      '@tensorflow/tfjs-node is installed but failed to load: libtensorflow.so.2: cannot open shared object file',
    );
  });

  it('fails with the missing package named when ML_TF_BACKEND=tensorflow and tfjs-node is not installed', async () => {
    const w = world('absent', { ML_TF_BACKEND: 'tensorflow' });
    const err = await selectTfBackend({ log: w.log }, w.deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(
      'The "tensorflow" TensorFlow.js backend was requested by ML_TF_BACKEND=tensorflow, but @tensorflow/tfjs-node is not installed.',
    );
    expect(w.loaded).toEqual([]);
  });

  it('keeps the load error as the cause when a forced tfjs-node cannot load', async () => {
    const w = world('broken');
    const err = await selectTfBackend({ log: w.log, prefer: 'tensorflow' }, w.deps).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/requested by the caller, but @tensorflow\/tfjs-node is installed but failed to load/);
    expect(((err as Error).cause as { code?: string }).code).toBe('ERR_DLOPEN_FAILED');
    expect(w.loaded).toEqual([]);
  });

  it('ML_TF_BACKEND=wasm (or prefer: wasm) skips tfjs-node even when it is installed', async () => {
    for (const [opts, env, reason] of [
      [{}, { ML_TF_BACKEND: 'wasm' }, 'requested by ML_TF_BACKEND=wasm'],
      [{ prefer: 'wasm' as const }, {}, 'requested by the caller'],
    ] as const) {
      const w = world('present', env);
      const { info } = await selectTfBackend({ ...opts, log: w.log }, w.deps);
      expect(info.name).toBe('wasm');
      expect(w.imported).toEqual([]);
      expect(w.logs[0]).toContain(reason);
    }
  });

  it('reports and ignores an unknown ML_TF_BACKEND value', async () => {
    const w = world('present', { ML_TF_BACKEND: 'node' });
    const { info } = await selectTfBackend({ log: w.log }, w.deps);
    expect(info.name).toBe('tensorflow');
    expect(w.logs[0]).toBe('[ml] ML_TF_BACKEND="node" ignored: expected "wasm" or "tensorflow"; choosing the backend automatically');
  });
});

describe('the default backend log', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the choice, except under LOG_LEVEL=warn or error', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    for (const [level, printed] of [[undefined, 1], ['log', 1], ['warn', 0], ['error', 0]] as const) {
      info.mockClear();
      const w = world('absent', level ? { LOG_LEVEL: level } : {});
      await selectTfBackend({}, w.deps);
      expect(info.mock.calls.length, `LOG_LEVEL=${level}`).toBe(printed);
    }
  });
});

describe('probeTfjsNode', () => {
  it('tells a missing package from one that is installed but does not load', async () => {
    expect(await probeTfjsNode(world('absent').deps)).toEqual({ status: 'missing' });
    expect(await probeTfjsNode(world('present').deps)).toEqual({ status: 'loaded' });
    const broken = await probeTfjsNode(world('broken').deps);
    expect(broken.status).toBe('failed');
  });
});
