import { isWechatApiError } from '../../channels/shared/api-errors.js';
import type { EventOf } from '../../events/index.js';
import type { WecomClient } from '../connections/platform-clients.js';
import type { PeopleContext } from './people.context.js';
import { resolvePersonId } from './person.store.js';
import { findTags } from './tag.store.js';
import type { TagRow } from './tag.table.js';
import { parseTagIds } from './wecom-tags.reconcile.js';
import { recordTagSyncIssue } from './wecom-tags.issues.js';
import { enqueuePull } from './wecom-tags.pull-job.js';

/** WeCom's errcode for a tag id it does not have (deleted there meanwhile). */
export const invalidTagErrcode = 40068;

type TagChangeEvent = EventOf<'person.tag_added'> | EventOf<'person.tag_removed'>;

/**
 * Marks a Siyu change of a person's corp tag on WeCom (`mark_tag` for each of the person's
 * active follows). Changes that came from WeCom (`source: 'wecom'`) and local tags are not
 * pushed. Works from the current state, so late or repeated deliveries do no harm: a tag the
 * person no longer has is not added, one they have again is not removed, and follows that
 * already agree are skipped. After each mark the follow's stored tag ids are updated: WeCom
 * sends no callback about API changes, so Siyu records what it marked itself.
 */
export async function markPersonTagChange(
  ctx: PeopleContext,
  workspaceId: string,
  event: TagChangeEvent,
): Promise<void> {
  const { data } = event;
  if (data.source === 'wecom') return;
  const [tag] = await findTags(ctx.db, workspaceId, [data.tagId]);
  // Not a corp tag, deleted since, or not in WeCom yet (its create push marks holders).
  if (!tag || tag.source !== 'corp' || !tag.wecom_tag_id) return;
  const personId = await resolvePersonId(ctx.db, workspaceId, data.personId);
  if (!personId) return;
  const client = await ctx.clients.wecom(workspaceId);
  if (!client) return;

  const held = await ctx.db
    .selectFrom('person_tag')
    .select('tag_id')
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '=', personId)
    .where('tag_id', '=', tag.id)
    .where('shadowed', '=', 0)
    .executeTakeFirst();
  const add = held !== undefined;
  if (add !== (event.type === 'person.tag_added')) return; // changed again since; that event pushes

  await markOnFollows(ctx, client, { ...tag, wecom_tag_id: tag.wecom_tag_id }, personId, add);
}

/** Marks (or unmarks) one WeCom tag on each active follow of the person that differs. */
export async function markOnFollows(
  ctx: PeopleContext,
  client: WecomClient,
  tag: TagRow & { wecom_tag_id: string },
  personId: string,
  add: boolean,
): Promise<void> {
  const workspaceId = tag.workspace_id;
  const wecomTagId = tag.wecom_tag_id;
  const follows = await ctx.db
    .selectFrom('follow')
    .select(['id', 'employee_user_id', 'external_user_id', 'wecom_tag_ids'])
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '=', personId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  for (const follow of follows) {
    const ids = parseTagIds(follow.wecom_tag_ids);
    if (ids.includes(wecomTagId) === add) continue;
    try {
      await client.corpTags.mark({
        userId: follow.employee_user_id,
        externalUserId: follow.external_user_id,
        ...(add ? { addTagIds: [wecomTagId] } : { removeTagIds: [wecomTagId] }),
      });
    } catch (error) {
      if (isWechatApiError(error) && error.errcode === invalidTagErrcode) {
        // Deleted in WeCom meanwhile: pull (drops the local link) and say so.
        await ctx.db.transaction().execute(async (trx) => {
          await recordTagSyncIssue(trx, ctx, workspaceId, {
            tagId: tag.id,
            groupId: tag.group_id,
            name: tag.name,
            kind: 'deleted_remotely',
            message: `The tag was deleted in WeCom; it could not be ${add ? 'added to' : 'removed from'} a customer.`,
          });
          await enqueuePull(trx, ctx, workspaceId, `invalid:${wecomTagId}`);
        });
        return;
      }
      throw error;
    }
    const next = add ? [...ids, wecomTagId] : ids.filter((id) => id !== wecomTagId);
    // Only this tag's id changes: a concurrent refresh of the follow's other tags is kept.
    await ctx.db
      .updateTable('follow')
      .set({ wecom_tag_ids: JSON.stringify(next), updated_at: ctx.clock.now() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', follow.id)
      .where('wecom_tag_ids', '=', follow.wecom_tag_ids)
      .execute();
  }
}
