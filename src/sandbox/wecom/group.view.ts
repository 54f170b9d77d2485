import { deriveHex } from '../state/ids.js';
import type { GroupChat, GroupMember } from '../state/groups.js';

/** member_version changes whenever the member list does. */
export function memberVersion(group: GroupChat): string {
  return deriveHex(32, group.chat_id, ...group.member_list.map((m) => m.userid));
}

function memberView(member: GroupMember, needName: boolean): Record<string, unknown> {
  return {
    userid: member.userid,
    type: member.type,
    ...(member.type === 2 && member.unionid ? { unionid: member.unionid } : {}),
    join_time: member.join_time,
    join_scene: member.join_scene,
    ...(member.invitor ? { invitor: { userid: member.invitor } } : {}),
    group_nickname: member.group_nickname,
    ...(needName ? { name: member.name } : {}),
    ...(member.state ? { state: member.state } : {}),
  };
}

/** groupchat/get's group_chat (doc 92122). */
export function groupChatView(group: GroupChat, needName: boolean): Record<string, unknown> {
  return {
    chat_id: group.chat_id,
    name: group.name,
    owner: group.owner,
    create_time: group.create_time,
    notice: group.notice,
    member_list: group.member_list.map((m) => memberView(m, needName)),
    admin_list: group.admin_list.map((userid) => ({ userid })),
    member_version: memberVersion(group),
  };
}
