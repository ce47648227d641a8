import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import hbs from 'hbs';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { csrfMiddleware } from './common/http/csrf.middleware.js';
import { QuietLogger } from './common/http/quiet-logger.js';
import { SettingsService } from './common/settings/settings.service.js';
import { HBS_HELPERS } from './common/view/hbs-helpers.js';
import type { AppConfig } from './config/app-config.js';
import { PUBLIC_DIR, VIEWS_DIR } from './config/paths.js';
import { PassportService } from './modules/accounts/passport.setup.js';
import { DatabaseSessionStore } from './modules/accounts/session-store.js';

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

function registerPartials(dir: string, base = dir): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) registerPartials(path, base);
    else if (entry.name.endsWith('.hbs')) {
      hbs.registerPartial(relative(base, path).replace(/\.hbs$/, ''), readFileSync(path, 'utf8'));
    }
  }
}

let viewsReady = false;
function configureViews(): void {
  if (viewsReady) return;
  viewsReady = true;
  for (const [name, helper] of Object.entries(HBS_HELPERS)) hbs.registerHelper(name, helper);
  registerPartials(join(VIEWS_DIR, 'partials'));
}

/** The logger for LOG_LEVEL (errors only under test). */
export function appLogger(config: AppConfig): QuietLogger {
  return new QuietLogger(config.logLevel === 'debug', config.env === 'test' ? ['error'] : LOG_LEVELS[config.logLevel]);
}

/** Builds the HTTP application; shared by the server and the end-to-end tests. */
export async function createApp(config: AppConfig, dataSource: DataSource): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, dataSource), {
    bodyParser: false,
    logger: appLogger(config),
  });
  const https = config.baseUrl.startsWith('https:');
  if (config.trustProxy) app.set('trust proxy', 1);
  app.disable('x-powered-by');

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'media-src': ["'self'", 'blob:'],
          'upgrade-insecure-requests': https ? [] : null,
        },
      },
      // Pages are private to signed-in members when PUBLIC_READ=false; search engines should not index them.
      xPoweredBy: false,
    }),
  );
  if (!config.publicRead) {
    app.use((_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('X-Robots-Tag', 'noindex, nofollow');
      next();
    });
  }
  app.useStaticAssets(PUBLIC_DIR, { maxAge: config.env === 'production' ? '7d' : 0, index: false });
  app.use(express.urlencoded({ extended: true, limit: '1mb' }));
  app.use(express.json({ limit: '1mb' }));

  const store = new DatabaseSessionStore(dataSource);
  app.use(
    session({
      name: 'ii.sid',
      secret: config.sessionSecret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: https, maxAge: 14 * 24 * 60 * 60_000 },
    }),
  );
  const { passport } = app.get(PassportService);
  app.use(passport.initialize());
  app.use(passport.session());
  app.use(csrfMiddleware);

  const settings = app.get(SettingsService);
  let demo: { value: boolean; at: number } = { value: false, at: 0 };
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.currentUser = req.user ?? null;
    res.locals.flash = req.session.flash ?? [];
    if (req.session.flash) delete req.session.flash;
    res.locals.publicRead = config.publicRead;
    res.locals.path = req.path;
    if (Date.now() - demo.at < 30_000) {
      res.locals.demoData = demo.value;
      return next();
    }
    settings
      .get('demo_seeded_at')
      .then((value) => {
        demo = { value: value !== null, at: Date.now() };
        res.locals.demoData = demo.value;
        next();
      })
      .catch(next);
  });

  configureViews();
  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/main' });
  if (config.env === 'production') app.enable('view cache');

  app.enableShutdownHooks();
  await app.init();
  // Unmatched routes: Nest answers them with NotFoundException through the global filter.
  return app;
}
