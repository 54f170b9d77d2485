import {
  Migrator,
  PostgresAdapter,
  sql,
  type Kysely,
  type Migration,
  type MigrationResultSet,
} from 'kysely';

export type MigrationSet = Readonly<Record<string, Migration>>;

/**
 * On PostgreSQL the migration tables are pinned to the connection's current schema: without
 * it Kysely's "does the table exist" check sees kysely_migration tables of any schema in the
 * database (other apps, parallel test schemas) and skips creating its own.
 */
export async function createMigrator<DB>(
  db: Kysely<DB>,
  migrations: MigrationSet,
): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  return new Migrator({
    db,
    migrationTableSchema,
    provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
  });
}

export class MigrationFailedError extends Error {
  constructor(
    readonly migrationName: string | undefined,
    override readonly cause: unknown,
  ) {
    super(
      `Migration ${migrationName ?? '(unknown)'} failed: ${String((cause as Error)?.message ?? cause)}`,
    );
  }
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationFailedError(failed?.migrationName, result.error);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: MigrationSet,
): Promise<string[]> {
  return unwrap(await (await createMigrator(db, migrations)).migrateToLatest());
}

export async function migrateDown<DB>(db: Kysely<DB>, migrations: MigrationSet): Promise<string[]> {
  return unwrap(await (await createMigrator(db, migrations)).migrateDown());
}

export async function pendingMigrations<DB>(
  db: Kysely<DB>,
  migrations: MigrationSet,
): Promise<string[]> {
  const infos = await (await createMigrator(db, migrations)).getMigrations();
  return infos.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
