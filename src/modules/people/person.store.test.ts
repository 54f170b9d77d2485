import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../../testing/db.js';
import { findPersons } from './person.store.js';

describe('findPersons', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
    await t.db
      .insertInto('workspace')
      .values([
        { id: 'w1', slug: 'w1', name: 'W1', created_at: 0, updated_at: 0 },
        { id: 'w2', slug: 'w2', name: 'W2', created_at: 0, updated_at: 0 },
      ])
      .execute();
  });
  afterEach(() => t.close());

  const person = (id: string, workspaceId: string, createdAt: number) => ({
    id,
    workspace_id: workspaceId,
    display_name: `name ${id}`,
    avatar_url: null,
    added_at: null,
    created_at: createdAt,
    updated_at: createdAt,
    merged_into: null,
    erased_at: null,
  });

  it("returns the workspace's persons of these ids once each, oldest first", async () => {
    await t.db
      .insertInto('person')
      .values([
        person('a', 'w1', 30),
        person('b', 'w1', 10),
        person('c', 'w1', 10),
        person('d', 'w2', 5),
        person('e', 'w1', 20),
      ])
      .execute();
    const found = await findPersons(t.db, 'w1', ['e', 'c', 'a', 'b', 'd', 'missing', 'c']);
    expect(found.map((p) => p.id)).toEqual(['b', 'c', 'e', 'a']);
    expect(found[0]).toEqual(person('b', 'w1', 10));
    expect(await findPersons(t.db, 'w1', [])).toEqual([]);
  });

  it.runIf(testDialect === 'sqlite')(
    'looks each id up by key even when the statistics call the workspace small',
    async () => {
      // Statistics taken when the workspace had 10,000 persons; 1,000 ids asked for.
      await sql`analyze`.execute(t.db);
      await sql`delete from sqlite_stat1 where tbl = 'person'`.execute(t.db);
      const indexes = await sql<{ name: string; unique: number; columns: number }>`
        select il.name, il."unique", (select count(*) from pragma_index_info(il.name)) as columns
        from pragma_index_list('person') il`.execute(t.db);
      for (const { name, unique, columns } of indexes.rows) {
        const stat = [10_000, ...Array.from({ length: columns }, (_, i) => (i === 0 ? 10_000 : 1))];
        if (unique && columns === 1) stat[1] = 1;
        await sql`insert into sqlite_stat1 (tbl, idx, stat) values ('person', ${name}, ${stat.join(' ')})`.execute(
          t.db,
        );
      }
      await sql`analyze sqlite_schema`.execute(t.db);
      const ids = Array.from({ length: 1_000 }, (_, i) => `p${i}`);
      // The statement findPersons runs, captured as compiled, then planned on these statistics.
      const statements: { sql: string; parameters: readonly unknown[] }[] = [];
      const executor = t.db.getExecutor();
      const capturing = t.db.withPlugin({
        transformQuery: (args) => {
          statements.push(executor.compileQuery(args.node, args.queryId));
          return args.node;
        },
        transformResult: (args) => Promise.resolve(args.result),
      });
      expect(await findPersons(capturing, 'w1', ids)).toEqual([]);
      expect(statements).toHaveLength(1);
      const plan = await sql<{
        detail: string;
      }>`explain query plan ${sql.raw(statements[0]!.sql)}`.compile(t.db);
      const { rows } = await t.db.executeQuery<{ detail: string }>({
        ...plan,
        parameters: statements[0]!.parameters,
      });
      const details = rows.map((r) => r.detail).join('\n');
      expect(details).toMatch(/SEARCH person USING INDEX sqlite_autoindex_person_1 \(id=\?\)/);
      expect(details).not.toMatch(/workspace_id=\?/);
    },
  );
});
