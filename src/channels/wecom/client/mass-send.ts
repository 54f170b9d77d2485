import type { ApiCaller } from '../../shared/api-call.js';
import { fromUnixSeconds, orNull, page, toUnixSeconds, type Page } from '../../shared/wire.js';
import {
  attachmentsFromWire,
  attachmentsToWire,
  textToWire,
  type Attachment,
  type AttachmentWire,
} from './attachments.js';

/** A mass-send task; each sender employee confirms it in the WeCom client. */
export interface MassMessage {
  /** Customers (1:1) or customer groups. Default single. */
  chatType?: 'single' | 'group';
  /** Up to 10,000 customers (single). */
  externalUserIds?: string[];
  /** Up to 2,000 groups (group). */
  chatIds?: string[];
  /** Customers by tag: any tag of a group, and every group. */
  tagFilter?: string[][];
  sender?: string;
  /** Let the sender pick recipients from the filtered list. */
  allowSelect?: boolean;
  text?: string;
  attachments?: Attachment[];
}

export interface MassMessageSummary {
  msgId: string;
  creator: string | null;
  createdAt: number | null;
  createdBy: 'corp' | 'personal';
  text: string | null;
  attachments: Attachment[];
}

export type SenderTaskStatus = 'pending' | 'sent';

export interface SenderTask {
  userId: string;
  status: SenderTaskStatus;
  sentAt: number | null;
}

export type RecipientStatus = 'pending' | 'sent' | 'not_friend' | 'limit_reached';

export interface RecipientResult {
  userId: string;
  externalUserId: string | null;
  chatId: string | null;
  status: RecipientStatus;
  sentAt: number | null;
}

interface GroupMsgWire {
  msgid?: string;
  creator?: string;
  create_time?: number;
  create_type?: number;
  text?: { content?: string };
  attachments?: AttachmentWire[];
}

const recipientStatuses: Record<number, RecipientStatus> = {
  0: 'pending',
  1: 'sent',
  2: 'not_friend',
  3: 'limit_reached',
};
const filterTypes = { corp: 0, personal: 1, all: 2 } as const;
const base = '/cgi-bin/externalcontact';

export function massSendApi(api: ApiCaller) {
  return {
    async create(
      message: MassMessage,
    ): Promise<{ msgId: string; failedExternalUserIds: string[] }> {
      const res = await api.post<{ msgid?: string; fail_list?: string[] }>(
        `${base}/add_msg_template`,
        {
          chat_type: message.chatType,
          external_userid: message.externalUserIds,
          chat_id_list: message.chatIds,
          tag_filter: message.tagFilter && {
            group_list: message.tagFilter.map((tags) => ({ tag_list: tags })),
          },
          sender: message.sender,
          allow_select: message.allowSelect,
          text: textToWire(message.text),
          attachments: attachmentsToWire(message.attachments),
        },
        { sideEffect: true },
      );
      return { msgId: res.msgid ?? '', failedExternalUserIds: res.fail_list ?? [] };
    },

    /** Mass messages created in a time range (epoch ms, at most one month apart). */
    async list(query: {
      chatType: 'single' | 'group';
      startTime: number;
      endTime: number;
      creator?: string;
      createdBy?: 'corp' | 'personal' | 'all';
      cursor?: string;
      limit?: number;
    }): Promise<Page<MassMessageSummary>> {
      const res = await api.post<{ group_msg_list?: GroupMsgWire[]; next_cursor?: string }>(
        `${base}/get_groupmsg_list_v2`,
        {
          chat_type: query.chatType,
          start_time: toUnixSeconds(query.startTime),
          end_time: toUnixSeconds(query.endTime),
          creator: query.creator,
          filter_type: query.createdBy && filterTypes[query.createdBy],
          limit: query.limit,
          cursor: query.cursor,
        },
      );
      const items = (res.group_msg_list ?? []).map((m) => ({
        msgId: m.msgid ?? '',
        creator: orNull(m.creator),
        createdAt: fromUnixSeconds(m.create_time),
        createdBy: m.create_type === 1 ? ('personal' as const) : ('corp' as const),
        text: orNull(m.text?.content),
        attachments: attachmentsFromWire(m.attachments),
      }));
      return page(items, res.next_cursor);
    },

    /** Whether each sender employee has sent the message. */
    async senderTasks(query: {
      msgId: string;
      cursor?: string;
      limit?: number;
    }): Promise<Page<SenderTask>> {
      const res = await api.post<{
        task_list?: { userid?: string; status?: number; send_time?: number }[];
        next_cursor?: string;
      }>(`${base}/get_groupmsg_task`, {
        msgid: query.msgId,
        limit: query.limit,
        cursor: query.cursor,
      });
      const items = (res.task_list ?? []).map((t) => ({
        userId: t.userid ?? '',
        status: t.status === 2 ? ('sent' as const) : ('pending' as const),
        sentAt: fromUnixSeconds(t.send_time),
      }));
      return page(items, res.next_cursor);
    },

    /** What happened for each recipient of one sender. */
    async sendResults(query: {
      msgId: string;
      userId: string;
      cursor?: string;
      limit?: number;
    }): Promise<Page<RecipientResult>> {
      const res = await api.post<{
        send_list?: {
          external_userid?: string;
          chat_id?: string;
          userid?: string;
          status?: number;
          send_time?: number;
        }[];
        next_cursor?: string;
      }>(`${base}/get_groupmsg_send_result`, {
        msgid: query.msgId,
        userid: query.userId,
        limit: query.limit,
        cursor: query.cursor,
      });
      const items = (res.send_list ?? []).map((r) => ({
        userId: r.userid ?? '',
        externalUserId: orNull(r.external_userid),
        chatId: orNull(r.chat_id),
        status: recipientStatuses[r.status ?? 0] ?? 'pending',
        sentAt: fromUnixSeconds(r.send_time),
      }));
      return page(items, res.next_cursor);
    },
  };
}

export type MassSendApi = ReturnType<typeof massSendApi>;
