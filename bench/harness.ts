import { parseArgs, type ParseArgsConfig } from 'node:util';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../src/database.js';
import { allMigrations } from '../src/migrations.js';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrator.js';

export interface BenchResult {
  /** Human-readable report. */
  table: string;
  /** Printed as the last stdout line, after {"bench": name}. */
  figures: Record<string, unknown>;
}

export interface BenchmarkModule {
  run(args: string[]): Promise<BenchResult>;
}

export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

/** A benchmark's flags; an unknown or malformed one is a usage error. */
export function parseBenchArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
) {
  try {
    return parseArgs({ args, options }).values;
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }
}

export type BenchDialect = 'sqlite' | 'postgres';

export function parseDialect(value: string | undefined): BenchDialect {
  if (value === undefined || value === 'sqlite' || value === 'postgres') return value ?? 'sqlite';
  throw new BenchUsageError(`--dialect must be sqlite or postgres (got "${value}")`);
}

export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new BenchUsageError(`--${name} must be a positive whole number (got "${value}")`);
  return Number(value);
}

export interface BenchDatabase {
  /** SIYU_DATABASE_URL-style address other processes can open (own schema on PostgreSQL). */
  url: string;
  dialect: BenchDialect;
  open(poolSize?: number): DatabaseHandle<Database>;
  /** PostgreSQL settings that matter for the figures. */
  settings: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database: a temporary SQLite file, or a new schema in the PostgreSQL
 * named by SIYU_BENCH_DATABASE_URL (start one with `PG_DURABLE=1 scripts/pg-start.sh DIR`).
 * With `keep` (a SQLite file path, or a PostgreSQL schema name) the database is opened or
 * created there, migrated, and left in place by `drop()` for the next run.
 */
export async function createBenchDatabase(
  dialect: BenchDialect,
  keep?: string,
): Promise<BenchDatabase> {
  if (dialect === 'sqlite') {
    const dir = keep ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-'));
    const file = keep ? path.resolve(keep) : path.join(dir!, 'bench.db');
    const handle = openDatabase<Database>({ dialect: 'sqlite', file });
    await migrateToLatest(handle.db, allMigrations);
    await handle.close();
    return {
      url: file,
      dialect,
      open: () => openDatabase<Database>({ dialect: 'sqlite', file }),
      settings: { journal_mode: 'wal', synchronous: 'normal' },
      drop: async () => {
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.SIYU_BENCH_DATABASE_URL;
  if (!base?.startsWith('postgres')) {
    throw new BenchUsageError(
      'PostgreSQL benchmarks need SIYU_BENCH_DATABASE_URL=postgres://…; start a durable server with: PG_DURABLE=1 scripts/pg-start.sh /tmp/siyu-pg-bench',
    );
  }
  if (keep !== undefined && !/^[a-z][a-z0-9_]{0,40}$/.test(keep))
    throw new BenchUsageError(`--keep on PostgreSQL names a schema: a-z, 0-9, _ (got "${keep}")`);
  const schema = keep ?? `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${keep ? 'IF NOT EXISTS ' : ''}${schema}`);
  const settings: Record<string, string> = {};
  for (const name of [
    'server_version',
    'fsync',
    'synchronous_commit',
    'full_page_writes',
    'shared_buffers',
    'max_connections',
  ])
    settings[name] = (await admin.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
  await admin.end();
  const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const open = (poolSize?: number) =>
    openDatabase<Database>({ dialect: 'postgres', url }, { poolSize });
  const handle = open(1);
  await migrateToLatest(handle.db, allMigrations);
  await handle.close();
  return {
    url,
    dialect,
    open,
    settings,
    drop: async () => {
      if (keep) return;
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

export function machine(): Record<string, string | number> {
  return {
    cpus: os.cpus().length,
    nproc: Number(execFileSync('nproc').toString().trim()),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    // The machine is shared; a load far above the core count inflates tail latencies.
    load_avg_1m: round(os.loadavg()[0]!, 2),
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
