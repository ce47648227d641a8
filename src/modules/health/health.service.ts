import { createRequire } from 'node:module';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { MailService } from '../notifications/mail.service.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { SEARCH_ENGINE, type SearchEngine } from '../search/search-engine.js';

export interface ComponentHealth {
  ok: boolean;
  [detail: string]: unknown;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  components: Record<'database' | 'search' | 'mail' | 'ml', ComponentHealth>;
}

const require = createRequire(import.meta.url);

function installed(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

// Which backend the scoring workers try first does not change while the server runs.
const available = installed('@tensorflow/tfjs-node') ? 'tensorflow' : installed('@tensorflow/tfjs-backend-wasm') ? 'wasm' : 'none';

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SEARCH_ENGINE) private readonly searchEngine: SearchEngine,
    private readonly scoring: ScoringService,
  ) {}

  async report(): Promise<HealthReport> {
    const [database, mail, search] = await Promise.all([this.database(), this.mailHealth(), this.search()]);
    const components = { database, search, mail, ml: this.ml() };
    return { status: Object.values(components).every((c) => c.ok) ? 'ok' : 'degraded', components };
  }

  private async database(): Promise<ComponentHealth> {
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
      return { ok: true, dialect: this.config.database.type, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch (error) {
      return { ok: false, dialect: this.config.database.type, error: (error as Error).message };
    }
  }

  private async search(): Promise<ComponentHealth> {
    try {
      const { ok, detail } = await this.searchEngine.health();
      return { ok, engine: this.searchEngine.name, detail };
    } catch (error) {
      return { ok: false, engine: this.searchEngine.name, error: (error as Error).message };
    }
  }

  private async mailHealth(): Promise<ComponentHealth> {
    const pending = await this.mail.pending();
    // Mail waiting more than 15 minutes means delivery is failing, though nothing is lost.
    const stuck = pending.oldest !== null && Date.now() - pending.oldest.getTime() > 15 * 60_000;
    return { ok: !stuck, transport: this.mail.transport.kind, pending: pending.count };
  }

  /**
   * Models load in the scoring workers, never in this thread, so `backend` is 'not loaded' until a
   * worker has loaded them (at start-up with ML_PRELOAD, else with the first session);
   * `firstChoice` is what a worker will try first. The two can differ: an installed tfjs-node whose
   * native library fails to load leaves the workers on WASM.
   */
  private ml(): ComponentHealth {
    const { backend, loaded, workers, models, loadMs, error } = this.scoring.status();
    return {
      ok: available !== 'none' && models !== 'failed',
      models,
      backend,
      firstChoice: available,
      loaded,
      workers,
      configuredWorkers: this.config.mlWorkers,
      expressionAnalysis: this.config.expressionAnalysis,
      ...(loadMs === undefined ? {} : { loadMs }),
      ...(error === undefined ? {} : { error }),
    };
  }
}
