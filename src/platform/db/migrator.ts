import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';

export type MigrationSet = Readonly<Record<string, Migration>>;

export function createMigrator<DB>(db: Kysely<DB>, migrations: MigrationSet): Migrator {
  return new Migrator({
    db,
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
  return unwrap(await createMigrator(db, migrations).migrateToLatest());
}

export async function migrateDown<DB>(
  db: Kysely<DB>,
  migrations: MigrationSet,
): Promise<string[]> {
  return unwrap(await createMigrator(db, migrations).migrateDown());
}

export async function pendingMigrations<DB>(
  db: Kysely<DB>,
  migrations: MigrationSet,
): Promise<string[]> {
  const infos = await createMigrator(db, migrations).getMigrations();
  return infos.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
