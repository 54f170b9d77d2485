import { sql, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';

/** Persons, identities, merges and conflicts, tags, attributes and the timeline. */
export async function up(db: Kysely<any>): Promise<void> {
  const table = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('workspace_id', 'text', (c) =>
        c.notNull().references('workspace.id').onDelete('cascade'),
      );
  const personRefs = <C extends string>(builder: CreateTableBuilder<string, C>) =>
    builder
      .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
      .addColumn('home_person_id', 'text', (c) => c.notNull().references('person.id'));

  await table('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('merged_into', 'text')
    .addColumn('erased_at', 'bigint')
    .execute();
  await index(db, 'person', ['workspace_id', 'created_at', 'id']);
  await index(db, 'person', ['workspace_id', 'merged_into']);

  await personRefs(table('identity').addColumn('id', 'text', (c) => c.primaryKey()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('value_key', 'text', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await index(db, 'identity', ['workspace_id', 'kind', 'namespace', 'value_key'], {
    unique: true,
  });
  await index(db, 'identity', ['workspace_id', 'person_id']);
  await index(db, 'identity', ['workspace_id', 'home_person_id']);

  await table('identity_merge')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('winner_person_id', 'text', (c) => c.notNull())
    .addColumn('loser_person_id', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('moved', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('undone_at', 'bigint')
    .addColumn('undone_by', 'text')
    .execute();
  await index(db, 'identity_merge', ['workspace_id', 'winner_person_id', 'created_at']);
  await index(db, 'identity_merge', ['workspace_id', 'loser_person_id', 'created_at']);

  await table('identity_conflict')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_a_id', 'text', (c) => c.notNull())
    .addColumn('person_b_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('value_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('occurrences', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text')
    .addColumn('merge_id', 'text')
    .execute();
  await index(
    db,
    'identity_conflict',
    ['workspace_id', 'person_a_id', 'person_b_id', 'kind', 'namespace', 'value_key'],
    { unique: true },
  );
  await index(db, 'identity_conflict', ['workspace_id', 'status', 'created_at', 'id']);
  await index(db, 'identity_conflict', ['workspace_id', 'person_b_id']);

  for (const name of ['tag_group', 'tag']) {
    let builder = table(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull());
    if (name === 'tag') {
      builder = builder
        .addColumn('group_id', 'text', (c) => c.notNull().references('tag_group.id'))
        .addColumn('wecom_tag_id', 'text');
    } else {
      builder = builder.addColumn('wecom_group_id', 'text');
    }
    await builder
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
  }
  const live = { where: sql<boolean>`deleted_at is null` };
  await index(db, 'tag_group', ['workspace_id', 'name'], { unique: true, ...live });
  await index(db, 'tag_group', ['workspace_id', 'wecom_group_id'], { unique: true, ...live });
  await index(db, 'tag', ['workspace_id', 'group_id', 'name'], { unique: true, ...live });
  await index(db, 'tag', ['workspace_id', 'wecom_tag_id'], { unique: true, ...live });

  const active = { where: sql<boolean>`shadowed = 0` };
  await personRefs(table('person_tag'))
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tag.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addColumn('shadowed', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_tag_pk', ['workspace_id', 'home_person_id', 'tag_id'])
    .execute();
  await index(db, 'person_tag', ['workspace_id', 'person_id', 'tag_id'], {
    unique: true,
    ...active,
  });
  // The customer list's tag filters: persons having a tag.
  await index(db, 'person_tag', ['workspace_id', 'tag_id', 'person_id']);

  await table('attribute_definition')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('enum_options', 'text')
    .addColumn('pii', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await index(db, 'attribute_definition', ['workspace_id', 'key'], { unique: true });

  await personRefs(table('person_attribute'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value_text', 'text')
    .addColumn('value_number', 'double precision')
    .addColumn('value_hash', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('shadowed', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_attribute_pk', ['workspace_id', 'home_person_id', 'key'])
    .execute();
  await index(db, 'person_attribute', ['workspace_id', 'person_id', 'key'], {
    unique: true,
    ...active,
  });
  await index(db, 'person_attribute', ['workspace_id', 'key', 'value_number']);
  await index(db, 'person_attribute', ['workspace_id', 'key', 'value_text']);

  await table('person_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('home_person_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('properties', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'person_event', ['workspace_id', 'dedup_key'], { unique: true });
  await index(db, 'person_event', ['workspace_id', 'person_id', 'occurred_at', 'id']);
  await index(db, 'person_event', ['workspace_id', 'type', 'occurred_at']);
  await index(db, 'person_event', ['workspace_id', 'home_person_id']);
}

async function index(
  db: Kysely<any>,
  table: string,
  columns: string[],
  options: { unique?: boolean; where?: RawBuilder<boolean> } = {},
): Promise<void> {
  const name = `${table}_${columns.filter((c) => c !== 'workspace_id').join('_')}${options.unique ? '_unique' : '_idx'}`;
  let builder = db.schema.createIndex(name).on(table).columns(columns);
  if (options.unique) builder = builder.unique();
  if (options.where) builder = builder.where(options.where);
  await builder.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'person_event',
    'person_attribute',
    'attribute_definition',
    'person_tag',
    'tag',
    'tag_group',
    'identity_conflict',
    'identity_merge',
    'identity',
    'person',
  ]) {
    await db.schema.dropTable(name).execute();
  }
}
