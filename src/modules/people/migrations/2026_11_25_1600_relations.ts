import type { Kysely } from 'kysely';

/** Follows (WeCom friendships), Official Account subscriptions, loss alerts; person.added_at. */
export async function up(db: Kysely<any>): Promise<void> {
  // When an employee first added the person (the customer list sorts by it); null if never.
  await db.schema.alterTable('person').addColumn('added_at', 'bigint').execute();
  await db.schema
    .createIndex('person_added_at_idx')
    .on('person')
    .columns(['workspace_id', 'added_at', 'id'])
    .execute();

  const table = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) =>
        c.notNull().references('workspace.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
      .addColumn('home_person_id', 'text', (c) => c.notNull().references('person.id'));

  await table('follow')
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('employee_user_id', 'text', (c) => c.notNull())
    .addColumn('external_user_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text')
    .addColumn('add_way', 'integer')
    .addColumn('remark', 'text')
    .addColumn('description', 'text')
    .addColumn('wecom_tag_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addColumn('removed_at', 'bigint')
    .addColumn('last_event_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('follow_corp_employee_external_unique')
    .on('follow')
    .columns(['workspace_id', 'corp_id', 'employee_user_id', 'external_user_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('follow_person_idx')
    .on('follow')
    .columns(['workspace_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('follow_home_person_idx')
    .on('follow')
    .columns(['workspace_id', 'home_person_id'])
    .execute();
  await db.schema
    .createIndex('follow_employee_added_idx')
    .on('follow')
    .columns(['workspace_id', 'employee_user_id', 'added_at'])
    .execute();
  await db.schema
    .createIndex('follow_state_idx')
    .on('follow')
    .columns(['workspace_id', 'state'])
    .execute();

  await table('oa_subscription')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('openid', 'text', (c) => c.notNull())
    .addColumn('subscribed', 'integer', (c) => c.notNull())
    .addColumn('scene', 'text')
    .addColumn('subscribed_at', 'bigint')
    .addColumn('unsubscribed_at', 'bigint')
    .addColumn('last_event_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oa_subscription_app_openid_unique')
    .on('oa_subscription')
    .columns(['workspace_id', 'app_id', 'openid'])
    .unique()
    .execute();
  await db.schema
    .createIndex('oa_subscription_person_idx')
    .on('oa_subscription')
    .columns(['workspace_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('oa_subscription_home_person_idx')
    .on('oa_subscription')
    .columns(['workspace_id', 'home_person_id'])
    .execute();

  await table('loss_alert')
    .addColumn('follow_id', 'text', (c) => c.notNull())
    .addColumn('corp_id', 'text', (c) => c.notNull())
    .addColumn('employee_user_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('handled_at', 'bigint')
    .addColumn('handled_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('loss_alert_follow_occurred_unique')
    .on('loss_alert')
    .columns(['workspace_id', 'follow_id', 'occurred_at'])
    .unique()
    .execute();
  await db.schema
    .createIndex('loss_alert_status_occurred_idx')
    .on('loss_alert')
    .columns(['workspace_id', 'status', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('loss_alert_person_idx')
    .on('loss_alert')
    .columns(['workspace_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('loss_alert_home_person_idx')
    .on('loss_alert')
    .columns(['workspace_id', 'home_person_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['loss_alert', 'oa_subscription', 'follow']) {
    await db.schema.dropTable(name).execute();
  }
  await db.schema.dropIndex('person_added_at_idx').execute();
  await db.schema.alterTable('person').dropColumn('added_at').execute();
}
