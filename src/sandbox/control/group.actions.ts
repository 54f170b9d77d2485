import { AppError } from '../../platform/http/errors.js';
import type { SandboxContext } from '../core/context.js';
import { externalChatXml, pushWecom } from '../pusher/wecom-events.js';
import type { Corp } from '../state/corp.js';
import type { GroupChat, GroupMember } from '../state/groups.js';
import { externalUseridOf } from '../state/identity.js';
import type { WechatUser } from '../state/people.js';
import type { Delivery } from '../state/platform.js';
import { memberVersion } from '../wecom/group.view.js';

export type JoinVia = { configId: string } | { chatId: string; invitor?: string };

export interface JoinResult {
  chatId: string;
  created: boolean;
  deliveries: Delivery[];
}

const liveMembers = (g: GroupChat) => g.member_list.length;

function employeeMember(ctx: SandboxContext, corp: Corp, userid: string): GroupMember {
  const employee = corp.employees[userid]!;
  return {
    userid,
    type: 1,
    join_time: ctx.seconds(),
    join_scene: 1,
    invitor: null,
    group_nickname: '',
    name: employee.name,
    unionid: null,
    state: '',
  };
}

/** A new group owned by an employee (create callback pushed); used by the control API and auto-created rooms. */
export function createGroup(
  ctx: SandboxContext,
  corp: Corp,
  owner: string,
  name: string,
): { group: GroupChat; delivery: Delivery } {
  const employee = corp.employees[owner];
  if (!employee || employee.status === 5)
    throw new AppError('not_found', `employee ${owner} not found`);
  const group: GroupChat = {
    chat_id: ctx.ids.chars('wr', 32),
    name,
    owner,
    create_time: ctx.seconds(),
    notice: '',
    member_list: [employeeMember(ctx, corp, owner)],
    admin_list: [],
    status: 0,
    dismissed: false,
  };
  corp.groups[group.chat_id] = group;
  const delivery = pushWecom(
    ctx,
    corp,
    'change_external_chat/create',
    externalChatXml(corp, ctx.seconds(), { changeType: 'create', chatId: group.chat_id }),
  );
  return { group, delivery };
}

/** The group of a join way that still has room, creating one when the way allows it. */
function roomFor(
  ctx: SandboxContext,
  corp: Corp,
  configId: string,
): { group: GroupChat; created: Delivery | null; state: string } {
  const way = corp.joinWays[configId];
  if (!way) throw new AppError('not_found', `join way ${configId} not found`);
  const limit = ctx.state.rules.groupJoinLimit;
  const groups = way.chat_id_list
    .map((id) => corp.groups[id])
    .filter((g): g is GroupChat => !!g && !g.dismissed);
  const open = groups.find((g) => liveMembers(g) < limit);
  if (open) return { group: open, created: null, state: way.state };
  const last = groups.at(-1);
  if (way.auto_create_room !== 1 || !last) {
    throw new AppError(
      'conflict',
      `every group of join way ${configId} has reached ${limit} members`,
    );
  }
  const { group, delivery } = createGroup(
    ctx,
    corp,
    last.owner,
    `${way.room_base_name || last.name}${way.room_base_id}`,
  );
  way.room_base_id += 1;
  way.chat_id_list = [...way.chat_id_list, group.chat_id].slice(-5);
  return { group, created: delivery, state: way.state };
}

function membershipChange(
  ctx: SandboxContext,
  corp: Corp,
  group: GroupChat,
  lastMemVer: string,
  change: {
    updateDetail: 'add_member' | 'del_member';
    joinScene?: number;
    quitScene?: number;
    member: string;
  },
): Delivery {
  return pushWecom(
    ctx,
    corp,
    `change_external_chat/update/${change.updateDetail}`,
    externalChatXml(corp, ctx.seconds(), {
      changeType: 'update',
      chatId: group.chat_id,
      updateDetail: change.updateDetail,
      ...(change.joinScene !== undefined ? { joinScene: change.joinScene } : {}),
      ...(change.quitScene !== undefined ? { quitScene: change.quitScene } : {}),
      members: [change.member],
      lastMemVer,
      curMemVer: memberVersion(group),
    }),
  );
}

/**
 * The customer joins a group through a join way (QR, limit 200 per group, then the next group
 * or a new one) or by an employee's invitation (limit 500): change_external_chat add_member.
 */
export function joinGroup(
  ctx: SandboxContext,
  person: WechatUser,
  corp: Corp,
  via: JoinVia,
): JoinResult {
  const deliveries: Delivery[] = [];
  let group: GroupChat;
  let state = '';
  let invitor: string | null = null;
  if ('configId' in via) {
    const room = roomFor(ctx, corp, via.configId);
    group = room.group;
    state = room.state;
    if (room.created) deliveries.push(room.created);
  } else {
    const found = corp.groups[via.chatId];
    if (!found || found.dismissed) throw new AppError('not_found', `group ${via.chatId} not found`);
    group = found;
    invitor = via.invitor ?? group.owner;
    if (!group.member_list.some((m) => m.userid === invitor && m.type === 1)) {
      throw new AppError('bad_request', `${invitor} is not an employee in group ${group.chat_id}`);
    }
    if (liveMembers(group) >= ctx.state.rules.groupMaxMembers) {
      throw new AppError(
        'conflict',
        `group ${group.chat_id} has reached ${ctx.state.rules.groupMaxMembers} members`,
      );
    }
  }
  const externalUserid = externalUseridOf(ctx.state, ctx.index, person, corp.corpid);
  if (group.member_list.some((m) => m.userid === externalUserid)) {
    throw new AppError('conflict', `${person.id} is already in group ${group.chat_id}`);
  }
  const lastMemVer = memberVersion(group);
  group.member_list.push({
    userid: externalUserid,
    type: 2,
    join_time: ctx.seconds(),
    join_scene: invitor ? 1 : 3,
    invitor,
    group_nickname: '',
    name: person.nickname,
    unionid: person.unionid,
    state,
  });
  deliveries.push(
    membershipChange(ctx, corp, group, lastMemVer, {
      updateDetail: 'add_member',
      joinScene: invitor ? 0 : 3,
      member: externalUserid,
    }),
  );
  ctx.changed();
  return { chatId: group.chat_id, created: deliveries.length > 1, deliveries };
}

/** The customer leaves the group: change_external_chat del_member (QuitScene 0). */
export function leaveGroup(
  ctx: SandboxContext,
  person: WechatUser,
  corp: Corp,
  chatId: string,
): Delivery {
  const group = corp.groups[chatId];
  const externalUserid = person.externalUserIds[corp.corpid];
  const index = group?.member_list.findIndex((m) => m.userid === externalUserid) ?? -1;
  if (!group || index < 0)
    throw new AppError('not_found', `${person.id} is not in group ${chatId}`);
  const lastMemVer = memberVersion(group);
  group.member_list.splice(index, 1);
  ctx.changed();
  return membershipChange(ctx, corp, group, lastMemVer, {
    updateDetail: 'del_member',
    quitScene: 0,
    member: externalUserid!,
  });
}
