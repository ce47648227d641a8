import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { PROJECT_ROOT } from './paths.js';

/** Thrown when an environment variable has a value the app cannot use; the message names it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

export type DatabaseConfig =
  | { type: 'sqlite'; file: string }
  | { type: 'mysql'; url: string; host: string; port: number; database: string };

/**
 * Every setting the app reads, parsed and validated once at start-up. Defaults run with no setup:
 * SQLite under VAR_DIR, mail written to files, the embedded search engine, the WASM ML backend.
 */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  baseUrl: string;
  varDir: string;
  database: DatabaseConfig;
  sessionSecret: string;
  smtpUrl: string | null;
  mailFrom: string;
  meiliHost: string | null;
  meiliApiKey: string | null;
  /** Run the embedded search engine on its own thread (off only to debug it in-process). */
  searchThread: boolean;
  allowedEmailDomains: string[];
  publicRead: boolean;
  trustProxy: boolean;
  seedDemo: boolean;
  mlWorkers: number;
  /** Load the scoring models at start-up, in the background, rather than in the first session. */
  mlPreload: boolean;
  expressionAnalysis: boolean;
  /** A sherpa-onnx model directory for transcribing recorded answers; null → pocketsphinx when installed. */
  speechModelDir: string | null;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function httpUrl(name: string, raw: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `"${raw}" is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `expected a ${protocols.join(' or ')} URL, got "${url.protocol}"`);
  }
  return url;
}

export function parseDatabaseUrl(raw: string | null, varDir: string): DatabaseConfig {
  if (raw === null) return { type: 'sqlite', file: join(varDir, 'data.sqlite') };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError('DATABASE_URL', 'sqlite: URL needs a file path, e.g. sqlite:./var/data.sqlite');
    return { type: 'sqlite', file: file === ':memory:' ? file : resolve(PROJECT_ROOT, file) };
  }
  const url = httpUrl('DATABASE_URL', raw, ['mysql:', 'mariadb:']);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname) throw new ConfigError('DATABASE_URL', 'the URL has no host');
  if (!database) throw new ConfigError('DATABASE_URL', 'the URL names no database, e.g. mysql://user:pass@127.0.0.1:3306/interview_insights');
  return { type: 'mysql', url: raw, host: url.hostname, port: url.port ? Number(url.port) : 3306, database };
}

/** A session secret kept in VAR_DIR so sessions survive restarts without any setup. */
function sessionSecret(env: Env, varDir: string): string {
  const given = str(env, 'SESSION_SECRET');
  if (given !== null) {
    if (given.length < 32) throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters long');
    return given;
  }
  const file = join(varDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = str(env, 'NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError('NODE_ENV', `expected development, production or test, got "${nodeEnv}"`);
  }
  const varDirRaw = str(env, 'VAR_DIR') ?? './var';
  const varDir = isAbsolute(varDirRaw) ? varDirRaw : resolve(PROJECT_ROOT, varDirRaw);
  try {
    mkdirSync(varDir, { recursive: true });
  } catch (error) {
    throw new ConfigError('VAR_DIR', `cannot create "${varDir}": ${(error as Error).message}`);
  }
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = str(env, 'HOST') ?? '127.0.0.1';
  const baseUrlRaw = str(env, 'BASE_URL') ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  const baseUrl = httpUrl('BASE_URL', baseUrlRaw, ['http:', 'https:']).toString().replace(/\/$/, '');
  const smtpUrl = str(env, 'SMTP_URL');
  if (smtpUrl !== null) httpUrl('SMTP_URL', smtpUrl, ['smtp:', 'smtps:']);
  const meiliHost = str(env, 'MEILI_HOST');
  if (meiliHost !== null) httpUrl('MEILI_HOST', meiliHost, ['http:', 'https:']);
  const domains = (str(env, 'ALLOWED_EMAIL_DOMAINS') ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  for (const domain of domains) {
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain)) throw new ConfigError('ALLOWED_EMAIL_DOMAINS', `"${domain}" is not a domain`);
  }
  const logLevel = str(env, 'LOG_LEVEL') ?? 'log';
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected error, warn, log or debug, got "${logLevel}"`);
  }
  return {
    env: nodeEnv as AppConfig['env'],
    port,
    host,
    baseUrl,
    varDir,
    database: parseDatabaseUrl(str(env, 'DATABASE_URL'), varDir),
    sessionSecret: sessionSecret(env, varDir),
    smtpUrl,
    mailFrom: str(env, 'MAIL_FROM') ?? 'Interview Insights <no-reply@interview-insights.local>',
    meiliHost,
    meiliApiKey: str(env, 'MEILI_API_KEY'),
    searchThread: bool(env, 'SEARCH_THREAD', true),
    allowedEmailDomains: domains,
    publicRead: bool(env, 'PUBLIC_READ', true),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    seedDemo: bool(env, 'SEED_DEMO', true),
    mlWorkers: int(env, 'ML_WORKERS', availableParallelism(), 1, 64),
    mlPreload: bool(env, 'ML_PRELOAD', true),
    expressionAnalysis: bool(env, 'EXPRESSION_ANALYSIS', true),
    speechModelDir: str(env, 'SPEECH_MODEL_DIR'),
    logLevel: logLevel as AppConfig['logLevel'],
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
