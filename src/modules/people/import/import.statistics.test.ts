import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../../../testing/db.js';
import { refreshPlannerStatistics, statisticsDue } from './import.statistics.js';

describe('planner statistics during an import', () => {
  it('are due as the contacts written pass 1,000, 10,000, 100,000, …', () => {
    expect(statisticsDue(0, 999)).toBe(false);
    expect(statisticsDue(900, 1_400)).toBe(true);
    expect(statisticsDue(1_000, 1_500)).toBe(false);
    expect(statisticsDue(9_500, 10_000)).toBe(true);
    expect(statisticsDue(10_000, 99_999)).toBe(false);
    expect(statisticsDue(99_900, 1_000_100)).toBe(true);
  });

  describe('refreshed', () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase();
    });
    afterEach(() => t.close());

    it('for the tables an import reads, on this dialect', async () => {
      const db = t.db;
      await db
        .insertInto('workspace')
        .values({ id: 'w1', slug: 'w1', name: 'W', created_at: 0, updated_at: 0 })
        .execute();
      await db
        .insertInto('person')
        .values(
          Array.from({ length: 50 }, (_, i) => ({
            id: `p${i}`,
            workspace_id: 'w1',
            display_name: null,
            avatar_url: null,
            added_at: null,
            created_at: i,
            updated_at: i,
            merged_into: null,
            erased_at: null,
          })),
        )
        .execute();
      await refreshPlannerStatistics(db);
      if (testDialect === 'sqlite') {
        const { rows } = await sql<{
          stat: string;
        }>`select stat from sqlite_stat1 where tbl = 'person' and idx is not null`.execute(db);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => r.stat.startsWith('50 '))).toBe(true);
      } else {
        // ANALYZE records the row count the planner estimates with (-1: never analyzed).
        const { rows } = await sql<{ relname: string; reltuples: number }>`
          select relname, reltuples from pg_class
          where relnamespace = current_schema()::regnamespace
            and relname in ('identity', 'person', 'follow', 'person_tag')`.execute(db);
        expect(Object.fromEntries(rows.map((r) => [r.relname, Number(r.reltuples)]))).toEqual({
          identity: 0,
          person: 50,
          follow: 0,
          person_tag: 0,
        });
      }
    });
  });
});
