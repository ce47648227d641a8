import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ScoringPool, type ScoringBackendDescription } from '../../ml/index.js';

export type ScoringModelsState = 'not loaded' | 'loading' | 'ready' | 'failed';

export interface ScoringStatus extends ScoringBackendDescription {
  /** Whether the models are loaded ahead of the first session (ML_PRELOAD). */
  models: ScoringModelsState;
  /** Time the preload took, once it is done. */
  loadMs?: number;
  /** Why the preload failed. */
  error?: string;
}

/**
 * The process's scoring pool (src/ml/scoring): worker threads that load TensorFlow.js/face-api and
 * harper.js, so this thread only copies bytes and merges results. The pool starts on first use or
 * at start-up with `preload()` (ML_PRELOAD, on by default), which pays the ≈ 5–8 s of model
 * loading and WebAssembly warm-up before the first session instead of inside it.
 */
@Injectable()
export class ScoringService implements OnApplicationShutdown {
  private readonly logger = new Logger('Scoring');
  private current: ScoringPool | null = null;
  private models: Omit<ScoringStatus, keyof ScoringBackendDescription> = { models: 'not loaded' };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The pool, created on first use. */
  get pool(): ScoringPool {
    this.current ??= new ScoringPool({ size: this.config.mlWorkers });
    return this.current;
  }

  /**
   * Starts every worker and loads its models (face-api only when expression analysis is on in
   * this deployment). Never rejects: a failure is logged and reported by status(), and the
   * workers try again when a session needs them.
   */
  async preload(): Promise<void> {
    if (this.models.models === 'loading' || this.models.models === 'ready') return;
    this.models = { models: 'loading' };
    const started = performance.now();
    try {
      await this.pool.warmUp({ vision: this.config.expressionAnalysis });
      this.models = { models: 'ready', loadMs: Math.round(performance.now() - started) };
      const d = this.pool.describe();
      this.logger.log(
        `Scoring models loaded in ${(this.models.loadMs! / 1000).toFixed(1)} s on ${d.workers} worker threads: ${d.loaded.join(', ')}` +
          (d.backend === 'not loaded' ? '' : ` (TensorFlow.js ${d.backend} backend)`),
      );
    } catch (error) {
      this.models = { models: 'failed', error: (error as Error).message };
      this.logger.error(`Loading the scoring models failed; sessions will try again: ${(error as Error).message}`);
    }
  }

  /**
   * Replaces the pool (closing the current one). For tests: they run the app from TypeScript
   * sources, where the default worker file is not compiled, so they hand in a pool on the built one.
   */
  async usePool(pool: ScoringPool): Promise<void> {
    const previous = this.current;
    this.current = pool;
    await previous?.close();
  }

  /** Synchronous and cheap, for /healthz. */
  status(): ScoringStatus {
    const pool = this.current?.describe() ?? { backend: 'not loaded' as const, workers: 0, loaded: [] };
    return { ...pool, ...this.models };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.current?.close();
  }
}
