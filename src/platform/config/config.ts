import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export type DatabaseConfig =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly url: string };

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly secretKey: string | null;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly publicUrl: string | null;
  readonly bodyLimitBytes: number;
  readonly workers: { readonly enabled: boolean; readonly concurrency: number };
  /** Threads that verify, decrypt and parse WeCom callbacks; 0: the HTTP thread does. */
  readonly callbackThreads: number;
  readonly owner: { readonly email: string | null; readonly password: string | null };
  readonly sandbox: { readonly enabled: boolean; readonly host: string; readonly port: number };
  readonly cookieSecure: boolean;
}

/** Settings that can come from CLI flags; they override the environment. */
export interface ConfigFlags {
  port?: string;
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
  logLevel?: string;
  workers?: string;
  sandbox?: boolean;
  sandboxPort?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected a whole number between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `expected a whole number between ${min} and ${max}`);

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  SIYU_HOST: z.string().min(1, 'expected a host name or IP address').default('0.0.0.0'),
  SIYU_PORT: integer(0, 65535).default(3000),
  SIYU_DATA_DIR: z.string().min(1, 'expected a directory path').default('./data'),
  SIYU_DATABASE_URL: z
    .string()
    .min(1, 'expected a SQLite file path or a postgres:// URL')
    .optional(),
  SIYU_SECRET_KEY: z
    .string()
    .min(32, 'expected at least 32 characters (generate one with: openssl rand -base64 32)')
    .optional(),
  SIYU_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  SIYU_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'expected an http(s) URL such as https://scrm.example.com',
    })
    .optional(),
  SIYU_BODY_LIMIT_BYTES: integer(1024, 100 * 1024 * 1024).default(1024 * 1024),
  SIYU_WORKERS: integer(0, 256).default(4),
  SIYU_CALLBACK_THREADS: integer(0, 16).optional(),
  SIYU_OWNER_EMAIL: z.email({ error: 'expected an email address' }).optional(),
  SIYU_OWNER_PASSWORD: z.string().min(10, 'expected at least 10 characters').optional(),
  SIYU_SANDBOX: bool.optional(),
  SIYU_SANDBOX_HOST: z.string().min(1, 'expected a host name or IP address').default('127.0.0.1'),
  SIYU_SANDBOX_PORT: integer(0, 65535).default(3001),
  SIYU_COOKIE_SECURE: bool.optional(),
});

export function parseDatabaseUrl(value: string, dataDir: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new Error('expected a valid postgres:// URL');
    }
    return { dialect: 'postgres', url: value };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error('expected a SQLite file path or a postgres:// URL');
  }
  const file = value.startsWith('sqlite:') ? value.slice('sqlite:'.length) : value;
  if (file === ':memory:') return { dialect: 'sqlite', file };
  return { dialect: 'sqlite', file: path.resolve(dataDir, file) };
}

const flagToEnv: Record<keyof ConfigFlags, keyof z.input<typeof envSchema>> = {
  port: 'SIYU_PORT',
  host: 'SIYU_HOST',
  databaseUrl: 'SIYU_DATABASE_URL',
  dataDir: 'SIYU_DATA_DIR',
  logLevel: 'SIYU_LOG_LEVEL',
  workers: 'SIYU_WORKERS',
  sandbox: 'SIYU_SANDBOX',
  sandboxPort: 'SIYU_SANDBOX_PORT',
};

/** Reads the configuration once; the only place in Siyu that looks at process.env. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  flags: ConfigFlags = {},
): Config {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    input[key] = value === '' ? undefined : value;
  }
  for (const [flag, value] of Object.entries(flags) as [keyof ConfigFlags, unknown][]) {
    if (value !== undefined) input[flagToEnv[flag]] = String(value);
  }
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'config');
        const got = input[name];
        return `${name}: ${issue.message}${got === undefined ? '' : ` (got "${name.includes('SECRET') || name.includes('PASSWORD') ? '***' : got}")`}`;
      }),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.SIYU_DATA_DIR);
  let database: DatabaseConfig;
  try {
    database = parseDatabaseUrl(e.SIYU_DATABASE_URL ?? 'siyu.db', dataDir);
  } catch (error) {
    throw new ConfigError([`SIYU_DATABASE_URL: ${(error as Error).message}`]);
  }
  const config: Config = {
    host: e.SIYU_HOST,
    port: e.SIYU_PORT,
    dataDir,
    database,
    secretKey: e.SIYU_SECRET_KEY ?? null,
    logLevel: e.SIYU_LOG_LEVEL,
    publicUrl: e.SIYU_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    bodyLimitBytes: e.SIYU_BODY_LIMIT_BYTES,
    workers: { enabled: e.SIYU_WORKERS > 0, concurrency: e.SIYU_WORKERS },
    callbackThreads: e.SIYU_CALLBACK_THREADS ?? (os.availableParallelism() > 1 ? 1 : 0),
    owner: { email: e.SIYU_OWNER_EMAIL ?? null, password: e.SIYU_OWNER_PASSWORD ?? null },
    sandbox: {
      enabled: e.SIYU_SANDBOX ?? true,
      host: e.SIYU_SANDBOX_HOST,
      port: e.SIYU_SANDBOX_PORT,
    },
    cookieSecure: e.SIYU_COOKIE_SECURE ?? e.SIYU_PUBLIC_URL?.startsWith('https://') ?? false,
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
