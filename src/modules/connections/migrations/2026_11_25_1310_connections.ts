import { sql, type Kysely } from 'kysely';

/** Connected WeCom corps, Official Accounts and Mini Programs; the inbox of their callbacks. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('connection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'integer')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('token_sealed', 'text')
    .addColumn('aes_key_sealed', 'text')
    .addColumn('encrypt_mode', 'text')
    .addColumn('api_base_url', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('callback_verified_at', 'bigint')
    .addColumn('last_callback_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('connection_app_unique')
    .on('connection')
    .columns(['workspace_id', 'kind', 'app_id'])
    .unique()
    .execute();
  // One WeCom corp per workspace (several Official Accounts and Mini Programs are fine).
  await db.schema
    .createIndex('connection_one_wecom')
    .on('connection')
    .column('workspace_id')
    .unique()
    .where(sql.ref('kind'), '=', sql.lit('wecom'))
    .execute();

  await db.schema
    .createTable('inbound_callback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('plaintext', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inbound_callback_dedup_unique')
    .on('inbound_callback')
    .columns(['workspace_id', 'dedup_key'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbound_callback').execute();
  await db.schema.dropTable('connection').execute();
}
