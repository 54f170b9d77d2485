import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import { resolveIdentities } from './identity.service.js';
import type { PeopleContext } from './people.context.js';
import type { OaSubscriptionRow } from './relations.table.js';
import { recordPersonEvents } from './timeline.service.js';

type Db = Kysely<Database>;

/** An Official Account follow or unfollow, from the `oa.*` domain events. */
export interface OaFact {
  eventId: string;
  type: 'oa.followed' | 'oa.unfollowed';
  occurredAt: number;
  appId: string;
  openId: string;
  scene?: string | undefined;
}

/**
 * Applies a follow or unfollow in `trx`: the person by oa_openid (namespace: the appid), the
 * subscription (an event older than the latest applied changes nothing; a re-follow after an
 * unfollow subscribes again), and an `oa.followed` / `oa.unfollowed` timeline event. Null
 * when the openid is junk.
 */
export async function applyOaFact(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  fact: OaFact,
): Promise<{ subscription: OaSubscriptionRow; applied: boolean } | null> {
  const resolution = await resolveIdentities(
    trx,
    ctx,
    workspaceId,
    [{ kind: 'oa_openid', namespace: fact.appId, value: fact.openId }],
    { source: 'oa', occurredAt: fact.occurredAt, event: { type: fact.type, id: fact.eventId } },
  );
  if (!resolution.personId || !resolution.homePersonId) return null;
  const subscribed = fact.type === 'oa.followed' ? 1 : 0;
  const at = fact.occurredAt;
  const now = ctx.clock.now();
  const state = {
    subscribed,
    ...(subscribed ? { subscribed_at: at, scene: fact.scene ?? null } : { unsubscribed_at: at }),
    last_event_at: at,
    updated_at: now,
  } as const;
  const existing = await findSubscription(trx, workspaceId, fact.appId, fact.openId);
  let subscription: OaSubscriptionRow;
  let applied = true;
  if (!existing) {
    subscription = {
      id: newId(now),
      workspace_id: workspaceId,
      person_id: resolution.personId,
      home_person_id: resolution.homePersonId,
      app_id: fact.appId,
      openid: fact.openId,
      scene: null,
      subscribed_at: null,
      unsubscribed_at: null,
      ...state,
    };
    await trx.insertInto('oa_subscription').values(subscription).execute();
  } else if (
    at > existing.last_event_at ||
    (at === existing.last_event_at && existing.subscribed !== subscribed)
  ) {
    await trx
      .updateTable('oa_subscription')
      .set(state)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', existing.id)
      .execute();
    subscription = { ...existing, ...state };
  } else {
    subscription = existing;
    applied = false;
  }
  await recordPersonEvents(trx, ctx, workspaceId, [
    {
      personId: resolution.homePersonId,
      type: fact.type,
      source: 'oa',
      occurredAt: at,
      dedupKey: `event:${fact.eventId}`,
      properties: { appId: fact.appId, ...(fact.scene ? { scene: fact.scene } : {}) },
    },
  ]);
  return { subscription, applied };
}

function findSubscription(db: Db, workspaceId: string, appId: string, openId: string) {
  return db
    .selectFrom('oa_subscription')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('app_id', '=', appId)
    .where('openid', '=', openId)
    .executeTakeFirst();
}
