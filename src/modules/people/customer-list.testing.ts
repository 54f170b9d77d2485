/**
 * Test helpers for the customer list, profile and export: follows, OA subscriptions and
 * employees linked to console users, written as the follows and employees modules write them.
 */
import { newId } from '../../platform/ids.js';
import { corpId, inTransaction, oaAppId, type PeopleFixture } from './people.testing.js';
import { refreshPersonAddedAt } from './person-added.js';
import type { FollowStatus } from './relations.table.js';

export interface FollowInput {
  employee: string;
  addedAt: number;
  state?: string | null;
  remark?: string | null;
  status?: FollowStatus;
  corp?: string;
}

/** An employee's friendship with the person (person.added_at kept up to date). */
export async function addFollow(f: PeopleFixture, personId: string, input: FollowInput) {
  await inTransaction(f, async (trx) => {
    const status = input.status ?? 'active';
    await trx
      .insertInto('follow')
      .values({
        id: newId(),
        workspace_id: f.workspaceId,
        person_id: personId,
        home_person_id: personId,
        corp_id: input.corp ?? corpId,
        employee_user_id: input.employee,
        external_user_id: `wm${newId().replace(/-/g, '')}`,
        state: input.state ?? null,
        add_way: 1,
        remark: input.remark ?? null,
        description: null,
        wecom_tag_ids: '[]',
        status,
        added_at: input.addedAt,
        removed_at: status === 'active' ? null : input.addedAt + 1000,
        last_event_at: input.addedAt,
        updated_at: input.addedAt,
      })
      .execute();
    await refreshPersonAddedAt(trx, f.workspaceId, [personId]);
  });
}

export async function subscribeOa(f: PeopleFixture, personId: string, subscribed = true) {
  const at = f.ctx.clock.now();
  await f.ctx.db
    .insertInto('oa_subscription')
    .values({
      id: newId(),
      workspace_id: f.workspaceId,
      person_id: personId,
      home_person_id: personId,
      app_id: oaAppId,
      openid: `o${newId().replace(/-/g, '')}`,
      subscribed: subscribed ? 1 : 0,
      scene: 'ADD_SCENE_QR_CODE',
      subscribed_at: at,
      unsubscribed_at: subscribed ? null : at,
      last_event_at: at,
      updated_at: at,
    })
    .execute();
}

/** A WeCom employee, optionally linked to a console user account. */
export async function seedEmployee(
  f: PeopleFixture,
  input: { userId: string; name: string; userAccountId?: string; corp?: string },
) {
  const at = f.ctx.clock.now();
  await f.ctx.db
    .insertInto('employee')
    .values({
      id: newId(),
      workspace_id: f.workspaceId,
      corp_id: input.corp ?? corpId,
      user_id: input.userId,
      name: input.name,
      position: null,
      avatar_url: null,
      mobile_sealed: null,
      email: null,
      gender: null,
      main_department_id: null,
      department_ids: '[]',
      status: 'active',
      customer_contact: 1,
      user_account_id: input.userAccountId ?? null,
      synced_at: at,
      created_at: at,
      updated_at: at,
      resigned_at: null,
    })
    .execute();
}

/**
 * Makes the person one of the console user's own customers (an employee linked to the user
 * follows them), so callers without customers.all see it.
 */
export async function assignTo(
  f: PeopleFixture,
  client: { info: { user: { id: string } } },
  personId: string,
) {
  const userId = `emp_${client.info.user.id.slice(-12)}`;
  const linked = await f.ctx.db
    .selectFrom('employee')
    .select('id')
    .where('workspace_id', '=', f.workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!linked) {
    await seedEmployee(f, {
      userId,
      name: `Employee ${userId}`,
      userAccountId: client.info.user.id,
    });
  }
  await addFollow(f, personId, { employee: userId, addedAt: f.ctx.clock.now() });
}
