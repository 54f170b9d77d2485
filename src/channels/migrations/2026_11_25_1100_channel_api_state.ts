import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One cached access token per credential (WeCom corp + app secret, OA / Mini Program app).
  await db.schema
    .createTable('channel_access_token')
    .addColumn('cache_key', 'text', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('refresh_lock_until', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Fixed-window request counters, shared by every process calling the same corp or app.
  await db.schema
    .createTable('channel_rate_limit')
    .addColumn('bucket_key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_rate_limit_pk', ['bucket_key', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_rate_limit').execute();
  await db.schema.dropTable('channel_access_token').execute();
}
