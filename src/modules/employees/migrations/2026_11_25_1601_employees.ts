import type { Kysely } from 'kysely';

/** WeCom directory: departments and employees (members) per workspace and corp. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('department')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('department_corp_department_unique')
    .on('department')
    .columns(['workspace_id', 'corp_id', 'department_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('employee')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('mobile_sealed', 'text')
    .addColumn('email', 'text')
    .addColumn('gender', 'text')
    .addColumn('main_department_id', 'text')
    .addColumn('department_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('customer_contact', 'integer', (c) => c.notNull())
    .addColumn('user_account_id', 'text', (c) =>
      c.references('user_account.id').onDelete('set null'),
    )
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('resigned_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('employee_corp_user_unique')
    .on('employee')
    .columns(['workspace_id', 'corp_id', 'user_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('employee_user_account_idx')
    .on('employee')
    .columns(['workspace_id', 'user_account_id'])
    .execute();
  await db.schema
    .createIndex('employee_name_idx')
    .on('employee')
    .columns(['workspace_id', 'name', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('employee').execute();
  await db.schema.dropTable('department').execute();
}
