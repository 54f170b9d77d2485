import { AppError } from '../../platform/http/errors.js';
import type { SandboxContext } from '../core/context.js';
import { WxError } from '../http/wx-error.js';
import { externalTagXml, pushWecom } from '../pusher/wecom-events.js';
import type { Corp } from '../state/corp.js';
import type { WechatUser } from '../state/people.js';
import type { Delivery } from '../state/platform.js';
import {
  addCorpTags,
  deleteCorpTags,
  editCorpTag,
  markFollowTags,
  type TagChange,
} from '../wecom/corp-tags.logic.js';
import { followOf, pushPairChange } from './contact.actions.js';

/**
 * Changes made in WeCom itself (the admin console, an employee's client): unlike the same
 * changes made through the API, they push change_external_tag / edit_external_contact.
 */

/** The platform's refusal as a control-API error (unknown id 404, name taken 409, else 400). */
function asControlError<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (!(error instanceof WxError)) throw error;
    const code =
      error.errcode === 40068 ? 'not_found' : error.errcode === 40071 ? 'conflict' : 'bad_request';
    const what = { 40068: 'no such tag or group', 40071: 'the name is taken' }[error.errcode];
    throw new AppError(
      code,
      `${what ?? 'invalid tag change'}${error.detail ? `: ${error.detail}` : ''}`,
    );
  }
}

function pushTagChanges(ctx: SandboxContext, corp: Corp, changes: TagChange[]): Delivery[] {
  if (changes.length > 0) ctx.changed();
  return changes.map((change) =>
    pushWecom(
      ctx,
      corp,
      `change_external_tag/${change.changeType}`,
      externalTagXml(corp, ctx.seconds(), change),
    ),
  );
}

/** An admin creates tags, in a new group or an existing one. */
export function adminCreatesTags(
  ctx: SandboxContext,
  corp: Corp,
  input: { groupId?: string; groupName?: string; tags: { name: string; order?: number }[] },
): { groupId: string; tagIds: string[]; deliveries: Delivery[] } {
  const { group, created, changes } = asControlError(() =>
    addCorpTags(ctx, corp, {
      ...(input.groupId !== undefined ? { group_id: input.groupId } : {}),
      ...(input.groupName !== undefined ? { group_name: input.groupName } : {}),
      tag: input.tags,
    }),
  );
  return {
    groupId: group.group_id,
    tagIds: created.map((t) => t.id),
    deliveries: pushTagChanges(ctx, corp, changes),
  };
}

/** An admin renames or reorders a tag or a group. */
export function adminEditsTag(
  ctx: SandboxContext,
  corp: Corp,
  input: { id: string; name?: string; order?: number },
): Delivery[] {
  return pushTagChanges(ctx, corp, [asControlError(() => editCorpTag(corp, input))]);
}

/** An admin deletes a tag or a group (its tags go off every customer). */
export function adminDeletesTag(ctx: SandboxContext, corp: Corp, id: string): Delivery[] {
  const isGroup = corp.tagGroups.some((g) => g.group_id === id);
  const changes = asControlError(() =>
    deleteCorpTags(corp, isGroup ? { tagIds: [], groupIds: [id] } : { tagIds: [id], groupIds: [] }),
  );
  return pushTagChanges(ctx, corp, changes);
}

/** The employee tags (or untags) their customer in the client: edit_external_contact if it changed. */
export function employeeTagsCustomer(
  ctx: SandboxContext,
  corp: Corp,
  userid: string,
  person: WechatUser,
  input: { add: string[]; remove: string[] },
): Delivery[] {
  const follow = followOf(corp, person, userid);
  const changed = asControlError(() => markFollowTags(corp, follow, input));
  return changed ? [pushPairChange(ctx, corp, follow, 'edit_external_contact')] : [];
}
