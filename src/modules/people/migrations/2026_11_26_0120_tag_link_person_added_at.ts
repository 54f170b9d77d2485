import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The person's added date on each tag link (`person_tag.person_added_at`, null like the
 * person's), indexed by (workspace, tag, person added date, person) over visible links: the
 * customer list sorted by added date and filtered by a tag walks that tag's links in order
 * and stops after the page, instead of walking every person and probing the tag per row.
 *
 * Triggers keep it, so no writer can forget it: a link inserted, moved to another person
 * (merge, unmerge) or made visible takes its person's date; a person's date changing is
 * copied to the person's visible links (hidden ones take it when they become visible again).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('person_tag').addColumn('person_added_at', 'bigint').execute();
  await sql`update person_tag set person_added_at = person.added_at from person
    where person.id = person_tag.person_id and person.workspace_id = person_tag.workspace_id
      and person.added_at is not null`.execute(db);
  await db.schema
    .createIndex('person_tag_visible_tag_added_idx')
    .on('person_tag')
    .columns(['workspace_id', 'tag_id', 'person_added_at', 'person_id'])
    .where(sql<boolean>`shadowed = 0`)
    .execute();
  const linkDate = (link: string) =>
    sql`(select p.added_at from person p where p.id = ${sql.raw(link)}.person_id)`;
  const copyToLinks = sql`update person_tag set person_added_at = new.added_at
    where workspace_id = new.workspace_id and person_id = new.id and shadowed = 0`;
  if (postgres) {
    await sql`create function person_tag_take_person_added_at() returns trigger
      language plpgsql as $$ begin
        new.person_added_at := ${linkDate('new')};
        return new;
      end $$`.execute(db);
    await sql`create trigger person_tag_person_added_at
      before insert or update of person_id, shadowed on person_tag
      for each row execute function person_tag_take_person_added_at()`.execute(db);
    await sql`create function person_added_at_to_tag_links() returns trigger
      language plpgsql as $$ begin
        ${copyToLinks};
        return null;
      end $$`.execute(db);
    await sql`create trigger person_added_at_to_tag_links
      after update of added_at on person
      for each row when (old.added_at is distinct from new.added_at)
      execute function person_added_at_to_tag_links()`.execute(db);
  } else {
    // SQLite triggers cannot change the row being written: they update it just after.
    const takeDate = sql`update person_tag set person_added_at = ${linkDate('new')}
      where workspace_id = new.workspace_id and home_person_id = new.home_person_id
        and tag_id = new.tag_id`;
    await sql`create trigger person_tag_person_added_at_insert after insert on person_tag
      begin ${takeDate}; end`.execute(db);
    await sql`create trigger person_tag_person_added_at_update
      after update of person_id, shadowed on person_tag
      begin ${takeDate}; end`.execute(db);
    await sql`create trigger person_added_at_to_tag_links after update of added_at on person
      when old.added_at is not new.added_at
      begin ${copyToLinks}; end`.execute(db);
  }
  if (postgres) await sql`analyze person_tag`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger person_added_at_to_tag_links on person`.execute(db);
    await sql`drop trigger person_tag_person_added_at on person_tag`.execute(db);
    await sql`drop function person_added_at_to_tag_links()`.execute(db);
    await sql`drop function person_tag_take_person_added_at()`.execute(db);
  } else {
    for (const name of [
      'person_added_at_to_tag_links',
      'person_tag_person_added_at_update',
      'person_tag_person_added_at_insert',
    ])
      await sql`drop trigger ${sql.id(name)}`.execute(db);
  }
  await db.schema.dropIndex('person_tag_visible_tag_added_idx').execute();
  await db.schema.alterTable('person_tag').dropColumn('person_added_at').execute();
}
