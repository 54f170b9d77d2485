import type { Kysely } from 'kysely';

/** import_run: the initial WeCom import's progress, cursor and counts (one active per workspace). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('active_key', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // NULLs never collide: finished runs keep null, the active one holds the workspace id.
  await db.schema
    .createIndex('import_run_active_unique')
    .on('import_run')
    .column('active_key')
    .unique()
    .execute();
  await db.schema
    .createIndex('import_run_workspace_created_idx')
    .on('import_run')
    .columns(['workspace_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_run').execute();
}
