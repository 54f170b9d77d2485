import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * Indexes for the customer list: one per sort order over live persons only (so a page is
 * read straight from the index without visiting merged or erased rows), visible tag links
 * by tag (the list drives by a rare tag), active follows by employee (scoping, employee
 * filter).
 *
 * Queries write these predicates as literals (`shadowed = 0`, not a bound parameter): SQLite
 * uses a partial index only when the query repeats its WHERE terms.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const live = sql<boolean>`merged_into is null and erased_at is null`;
  for (const column of ['added_at', 'created_at', 'updated_at', 'display_name']) {
    await index(db, `person_live_${column}_idx`, 'person', [column, 'id'], live);
  }
  await index(
    db,
    'person_tag_visible_tag_idx',
    'person_tag',
    ['tag_id', 'person_id'],
    sql`shadowed = 0`,
  );
  await index(
    db,
    'follow_active_employee_idx',
    'follow',
    ['employee_user_id', 'person_id'],
    sql`status = 'active'`,
  );
  await index(db, 'follow_state_person_idx', 'follow', ['state', 'person_id']);
}

async function index(
  db: Kysely<any>,
  name: string,
  table: string,
  columns: string[],
  where?: RawBuilder<boolean>,
): Promise<void> {
  let builder = db.schema
    .createIndex(name)
    .on(table)
    .columns(['workspace_id', ...columns]);
  if (where) builder = builder.where(where);
  await builder.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'follow_state_person_idx',
    'follow_active_employee_idx',
    'person_tag_visible_tag_idx',
    'person_live_display_name_idx',
    'person_live_updated_at_idx',
    'person_live_created_at_idx',
    'person_live_added_at_idx',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
