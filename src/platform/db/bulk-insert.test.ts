import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/db.js';
import { insertMany, type BulkColumns } from './bulk-insert.js';

interface ProbeTable {
  id: string;
  label: string | null;
  n: number | null;
  at: number;
}
interface ProbeDatabase {
  bulk_probe: ProbeTable;
}

const columns: BulkColumns<ProbeTable> = { id: 'text', label: 'text', n: 'integer', at: 'bigint' };

// Text that array literals and JSON treat specially: quotes, backslashes, braces, commas,
// NULL spelled out, blanks, multi-byte characters.
const labels = [
  'plain',
  'with "quotes"',
  'back\\slash\\',
  '{braces},{and,commas}',
  'NULL',
  '',
  '  spaced  ',
  '私域 客户 🎉',
  'line\nbreak\ttab',
  null,
];

describe('insertMany', () => {
  let database: TestDatabase;
  let db: Kysely<ProbeDatabase>;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    db = database.db as unknown as Kysely<ProbeDatabase>;
    await sql`create table bulk_probe (id text primary key, label text, n integer, at bigint not null)`.execute(
      db,
    );
  });
  afterAll(() => database.close());

  it('stores every value as given, nulls and awkward text included', async () => {
    const rows = labels.map((label, i) => ({
      id: `r${i}`,
      label,
      n: i % 3 === 0 ? null : i - 5,
      at: 1_790_000_000_000 + i,
    }));
    await insertMany(db, 'bulk_probe', columns, rows).execute();
    const stored = await db.selectFrom('bulk_probe').selectAll().orderBy('at').execute();
    expect(stored.map((r) => ({ ...r, at: Number(r.at) }))).toEqual(rows);
  });

  it('takes on-conflict clauses and returns what it inserted', async () => {
    const rows = [
      { id: 'r1', label: 'again', n: 1, at: 1 },
      { id: 'new', label: 'fresh', n: 2, at: 2 },
    ];
    const inserted = await insertMany(db, 'bulk_probe', columns, rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    expect(inserted).toEqual([{ id: 'new' }]);
    const kept = await db
      .selectFrom('bulk_probe')
      .select('label')
      .where('id', '=', 'r1')
      .executeTakeFirstOrThrow();
    expect(kept.label).toBe(labels[1]);
  });

  it('inserts thousands of rows in one statement', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      id: `many-${i}`,
      label: `label ${i}`,
      n: i,
      at: i,
    }));
    await insertMany(db, 'bulk_probe', columns, rows.slice(0, 1_900)).execute();
    await insertMany(db, 'bulk_probe', columns, rows.slice(1_900)).execute();
    const count = await db
      .selectFrom('bulk_probe')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('id', 'like', 'many-%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(5_000);
  });
});
