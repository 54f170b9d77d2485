import type { ApiCaller } from '../../shared/api-call.js';
import { fromUnixSeconds, orNull, page, type Page } from '../../shared/wire.js';

/** 0 normal; 1–3 the owner left and the group awaits, is in, or finished inheritance. */
export type GroupChatStatus = 'normal' | 'owner_left' | 'transferring' | 'transferred';

export interface GroupMember {
  userId: string;
  kind: 'employee' | 'customer';
  unionId: string | null;
  joinedAt: number | null;
  joinScene: 'invited' | 'link' | 'qrcode' | 'unknown';
  invitorUserId: string | null;
  groupNickname: string | null;
  name: string | null;
  /** The join way's state, when the member joined through one. */
  state: string | null;
}

export interface GroupChat {
  chatId: string;
  name: string;
  ownerUserId: string;
  createdAt: number | null;
  notice: string | null;
  members: GroupMember[];
  adminUserIds: string[];
  /** Changes whenever the member list changes. */
  memberVersion: string | null;
}

interface GroupMemberWire {
  userid?: string;
  type?: number;
  unionid?: string;
  join_time?: number;
  join_scene?: number;
  invitor?: { userid?: string };
  group_nickname?: string;
  name?: string;
  state?: string;
}

interface GroupChatWire {
  chat_id?: string;
  name?: string;
  owner?: string;
  create_time?: number;
  notice?: string;
  member_list?: GroupMemberWire[];
  admin_list?: { userid?: string }[];
  member_version?: string;
}

const statuses: readonly GroupChatStatus[] = [
  'normal',
  'owner_left',
  'transferring',
  'transferred',
];
/** The filter has no "normal only": 0 means every group. */
const statusFilters = { all: 0, owner_left: 1, transferring: 2, transferred: 3 } as const;
const joinScenes = { 1: 'invited', 2: 'link', 3: 'qrcode' } as const;

function memberFromWire(m: GroupMemberWire): GroupMember {
  return {
    userId: m.userid ?? '',
    kind: m.type === 2 ? 'customer' : 'employee',
    unionId: orNull(m.unionid),
    joinedAt: fromUnixSeconds(m.join_time),
    joinScene: joinScenes[m.join_scene as 1 | 2 | 3] ?? 'unknown',
    invitorUserId: orNull(m.invitor?.userid),
    groupNickname: orNull(m.group_nickname),
    name: orNull(m.name),
    state: orNull(m.state),
  };
}

function groupChatFromWire(g: GroupChatWire): GroupChat {
  return {
    chatId: g.chat_id ?? '',
    name: g.name ?? '',
    ownerUserId: g.owner ?? '',
    createdAt: fromUnixSeconds(g.create_time),
    notice: orNull(g.notice),
    members: (g.member_list ?? []).map(memberFromWire),
    adminUserIds: (g.admin_list ?? []).map((a) => a.userid ?? ''),
    memberVersion: orNull(g.member_version),
  };
}

const base = '/cgi-bin/externalcontact/groupchat';

export function groupChatsApi(api: ApiCaller) {
  return {
    /** Groups of the given owners (all visible groups when omitted). */
    async list(query: {
      /** Only groups whose owner left, by inheritance progress. Default all. */
      status?: keyof typeof statusFilters;
      ownerUserIds?: string[];
      cursor?: string;
      limit: number;
    }): Promise<Page<{ chatId: string; status: GroupChatStatus }>> {
      const res = await api.post<{
        group_chat_list?: { chat_id?: string; status?: number }[];
        next_cursor?: string;
      }>(`${base}/list`, {
        status_filter: query.status && statusFilters[query.status],
        owner_filter: query.ownerUserIds && { userid_list: query.ownerUserIds },
        cursor: query.cursor,
        limit: query.limit,
      });
      const items = (res.group_chat_list ?? []).map((c) => ({
        chatId: c.chat_id ?? '',
        status: statuses[c.status ?? 0] ?? 'normal',
      }));
      return page(items, res.next_cursor);
    },

    /** A group with its members; `withNames` asks for members' names too. */
    async get(chatId: string, options: { withNames?: boolean } = {}): Promise<GroupChat> {
      const res = await api.post<{ group_chat?: GroupChatWire }>(`${base}/get`, {
        chat_id: chatId,
        need_name: options.withNames ? 1 : 0,
      });
      return groupChatFromWire(res.group_chat ?? {});
    },
  };
}

export type GroupChatsApi = ReturnType<typeof groupChatsApi>;
