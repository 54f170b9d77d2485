import type { EventDraft } from '../shared/callback-outcome.js';
import { nonEmptyTextOf, textListOf } from '../shared/xml-read.js';
import type { WecomCallback } from './callback-context.js';

const UPDATE_DETAILS = {
  add_member: 'member_joined',
  del_member: 'member_left',
  change_owner: 'owner_changed',
  change_name: 'name_changed',
  change_notice: 'notice_changed',
} as const;

// The scene codes of the member-join callback, as groupchat/get numbers them.
const JOIN_SCENES = new Map([
  ['1', 'invitation'],
  ['2', 'invitation_link'],
  ['3', 'qr_code'],
]);
const QUIT_SCENES = new Map([
  ['0', 'left'],
  ['1', 'removed'],
]);

/** `Event=change_external_chat`: a customer group was created, changed or dismissed. */
export function mapExternalChatChange({ root, corpId, changeType }: WecomCallback) {
  const group = { corpId, chatId: nonEmptyTextOf(root, 'ChatId') };
  if (changeType === 'create') return [{ type: 'group.created', data: group }] as const;
  if (changeType === 'dismiss') return [{ type: 'group.dismissed', data: group }] as const;
  if (changeType !== 'update') return null;

  const detail = nonEmptyTextOf(root, 'UpdateDetail');
  if (detail === undefined || !Object.hasOwn(UPDATE_DETAILS, detail)) return null;
  const updateDetail = UPDATE_DETAILS[detail as keyof typeof UPDATE_DETAILS];
  const drafts: EventDraft[] = [{ type: 'group.updated', data: { ...group, updateDetail } }];
  if (updateDetail === 'member_joined' || updateDetail === 'member_left') {
    const joined = updateDetail === 'member_joined';
    const membership = {
      ...group,
      memberChangeCount: count(nonEmptyTextOf(root, 'MemChangeCnt')),
      memberIds: textListOf(root, 'MemChangeList'),
      memberVersion: memberVersion(root),
    };
    drafts.push(
      joined
        ? {
            type: 'group.member_joined',
            data: { ...membership, joinScene: scene(JOIN_SCENES, root, 'JoinScene') },
          }
        : {
            type: 'group.member_left',
            data: { ...membership, quitScene: scene(QUIT_SCENES, root, 'QuitScene') },
          },
    );
  }
  return drafts;
}

function scene(scenes: ReadonlyMap<string, string>, root: WecomCallback['root'], field: string) {
  return scenes.get(nonEmptyTextOf(root, field) ?? '') ?? 'other';
}

function count(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

function memberVersion(root: WecomCallback['root']) {
  const previous = nonEmptyTextOf(root, 'LastMemVer');
  const current = nonEmptyTextOf(root, 'CurMemVer');
  return previous !== undefined && current !== undefined ? { previous, current } : undefined;
}
