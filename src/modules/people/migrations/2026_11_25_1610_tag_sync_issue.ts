import type { Kysely } from 'kysely';

/** Problems of the corp-tag sync with WeCom (deleted remotely, linked by name, push failed). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tag_sync_issue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('tag_id', 'text')
    .addColumn('group_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('tag_sync_issue_workspace_idx')
    .on('tag_sync_issue')
    .columns(['workspace_id', 'resolved_at', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tag_sync_issue').execute();
}
