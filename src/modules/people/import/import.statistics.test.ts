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

    it('for the tables an import reads: persons read by id through their key', async () => {
      const db = t.db;
      await db
        .insertInto('workspace')
        .values({ id: 'w1', slug: 'w1', name: 'W', created_at: 0, updated_at: 0 })
        .execute();
      const persons = 6_000;
      const id = (n: number) => `p${String(n).padStart(6, '0')}`;
      for (let from = 0; from < persons; from += 500) {
        await db
          .insertInto('person')
          .values(
            Array.from({ length: 500 }, (_, i) => ({
              id: id(from + i),
              workspace_id: 'w1',
              display_name: null,
              avatar_url: null,
              added_at: null,
              created_at: from + i,
              updated_at: from + i,
              merged_into: null,
              erased_at: null,
            })),
          )
          .execute();
      }
      await refreshPlannerStatistics(db);
      if (testDialect === 'sqlite') {
        // A page's 500 persons, read the way the import's writers read them.
        const read = db
          .selectFrom('person')
          .selectAll()
          .where('workspace_id', '=', 'w1')
          .where(
            'id',
            'in',
            Array.from({ length: 500 }, (_, i) => id(i * 11)),
          )
          .compile();
        const plan = await db.executeQuery<{ detail: string }>({
          ...read,
          sql: `explain query plan ${read.sql}`,
        });
        // By id (the primary key's index), not through a workspace index (every person).
        expect(plan.rows.map((r) => r.detail)).toEqual([
          'SEARCH person USING INDEX sqlite_autoindex_person_1 (id=?)',
        ]);
        // The connection's sampling limit is back to what it was.
        const { rows } = await sql<{ analysis_limit: number }>`pragma analysis_limit`.execute(db);
        expect(Number(rows[0]!.analysis_limit)).toBe(0);
      } else {
        // ANALYZE records the row count the planner estimates with (-1: never analyzed).
        const { rows } = await sql<{ relname: string; reltuples: number }>`
          select relname, reltuples from pg_class
          where relnamespace = current_schema()::regnamespace
            and relname in ('identity', 'person', 'follow', 'person_tag')`.execute(db);
        expect(Object.fromEntries(rows.map((r) => [r.relname, Number(r.reltuples)]))).toEqual({
          identity: 0,
          person: persons,
          follow: 0,
          person_tag: 0,
        });
      }
    });
  });
});
