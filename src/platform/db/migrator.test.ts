import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { allMigrations } from '../../migrations.js';
import { createTestDatabase, type TestDatabase } from '../../testing/db.js';
import { migrateDown, migrateToLatest, pendingMigrations } from './migrator.js';

describe('migrations', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('are timestamp-prefixed', () => {
    for (const name of Object.keys(allMigrations))
      expect(name).toMatch(/^\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+$/);
  });

  it('apply to a fresh database, revert one by one, and re-apply', async () => {
    database = await createTestDatabase({ migrate: false });
    const names = Object.keys(allMigrations).sort();
    expect(await pendingMigrations(database.db, allMigrations)).toEqual(names);
    expect(await migrateToLatest(database.db, allMigrations)).toEqual(names);
    expect(await pendingMigrations(database.db, allMigrations)).toEqual([]);
    for (const name of [...names].reverse()) {
      expect(await migrateDown(database.db, allMigrations)).toEqual([name]);
    }
    expect(await pendingMigrations(database.db, allMigrations)).toEqual(names);
    expect(await migrateToLatest(database.db, allMigrations)).toEqual(names);
    await sql`select 1`.execute(database.db);
  });
});
