import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config.js';

const varDir = () => mkdtempSync(join(tmpdir(), 'ii-config-'));

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ VAR_DIR: varDir(), ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs with no settings at all: SQLite under VAR_DIR, file mail, embedded search', () => {
    const dir = varDir();
    const config = loadConfig({ VAR_DIR: dir });
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', file: join(dir, 'data.sqlite') });
    expect(config.smtpUrl).toBeNull();
    expect(config.meiliHost).toBeNull();
    expect(config.publicRead).toBe(true);
    expect(config.baseUrl).toBe('http://127.0.0.1:3000');
  });

  it('generates a session secret once and keeps it in VAR_DIR', () => {
    const dir = varDir();
    const first = loadConfig({ VAR_DIR: dir }).sessionSecret;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8')).toBe(first);
    expect(loadConfig({ VAR_DIR: dir }).sessionSecret).toBe(first);
  });

  it('parses a MySQL DATABASE_URL', () => {
    const config = loadConfig({ VAR_DIR: varDir(), DATABASE_URL: 'mysql://app:secret@db.internal:3307/insights' });
    expect(config.database).toMatchObject({ type: 'mysql', host: 'db.internal', port: 3307, database: 'insights' });
  });

  it.each([
    [{ DATABASE_URL: 'postgres://localhost/x' }, 'DATABASE_URL', 'expected a mysql: or mariadb: URL'],
    [{ DATABASE_URL: 'mysql://localhost' }, 'DATABASE_URL', 'names no database'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', 'is not a valid URL'],
    [{ PORT: 'eighty' }, 'PORT', 'expected a whole number'],
    [{ PORT: '70000' }, 'PORT', 'between 0 and 65535'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL', 'smtp: or smtps:'],
    [{ MEILI_HOST: 'localhost:7700' }, 'MEILI_HOST', ''],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET', 'at least 32'],
    [{ PUBLIC_READ: 'maybe' }, 'PUBLIC_READ', 'expected true or false'],
    [{ ALLOWED_EMAIL_DOMAINS: 'college.edu, not a domain' }, 'ALLOWED_EMAIL_DOMAINS', 'is not a domain'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV', 'expected development'],
  ])('rejects %o naming %s', (env, variable, text) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).toContain(text);
  });

  it('normalises the allowed e-mail domains', () => {
    const config = loadConfig({ VAR_DIR: varDir(), ALLOWED_EMAIL_DOMAINS: '@College.edu, alumni.college.edu' });
    expect(config.allowedEmailDomains).toEqual(['college.edu', 'alumni.college.edu']);
  });
});
