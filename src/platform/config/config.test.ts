import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to port 3000 and SQLite under ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ dialect: 'sqlite', file: path.resolve('data', 'siyu.db') });
    expect(config.sandbox.enabled).toBe(true);
  });

  it('recognises a postgres URL', () => {
    const config = loadConfig({ SIYU_DATABASE_URL: 'postgres://u:p@db:5432/siyu' });
    expect(config.database).toEqual({ dialect: 'postgres', url: 'postgres://u:p@db:5432/siyu' });
  });

  it('resolves a SQLite path against the data directory', () => {
    const config = loadConfig({ SIYU_DATA_DIR: '/var/lib/siyu', SIYU_DATABASE_URL: 'main.db' });
    expect(config.database).toEqual({ dialect: 'sqlite', file: '/var/lib/siyu/main.db' });
  });

  it('lets flags override the environment', () => {
    const config = loadConfig({ SIYU_PORT: '4000' }, { port: '5000', sandbox: false });
    expect(config.port).toBe(5000);
    expect(config.sandbox.enabled).toBe(false);
  });

  it('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
  });

  it('names the variable and what is expected for every wrong value', () => {
    const problems = problemsOf(() =>
      loadConfig({
        SIYU_PORT: 'eighty',
        SIYU_DATABASE_URL: 'mysql://localhost/db',
        SIYU_SECRET_KEY: 'short',
        SIYU_LOG_LEVEL: 'loud',
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'SIYU_PORT: expected a whole number between 0 and 65535 (got "eighty")',
        expect.stringMatching(
          /^SIYU_SECRET_KEY: expected at least 32 characters.*\(got "\*\*\*"\)$/,
        ),
        expect.stringMatching(/^SIYU_LOG_LEVEL: expected one of fatal, error/),
      ]),
    );
    expect(problemsOf(() => loadConfig({ SIYU_DATABASE_URL: 'mysql://localhost/db' }))).toEqual([
      'SIYU_DATABASE_URL: expected a SQLite file path or a postgres:// URL',
    ]);
    expect(problemsOf(() => loadConfig({ SIYU_PORT: '70000' }))[0]).toMatch(
      /^SIYU_PORT: expected a whole number/,
    );
    expect(problemsOf(() => loadConfig({ SIYU_CALLBACK_THREADS: '64' }))).toEqual([
      'SIYU_CALLBACK_THREADS: expected a whole number between 0 and 16 (got "64")',
    ]);
  });

  it('opens callbacks on a thread of their own when there is a core to spare', () => {
    expect(loadConfig({ SIYU_CALLBACK_THREADS: '0' }).callbackThreads).toBe(0);
    expect(loadConfig({}).callbackThreads).toBe(os.availableParallelism() > 1 ? 1 : 0);
  });
});
