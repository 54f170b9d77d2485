import type { ApiCaller } from '../../shared/api-call.js';
import { orNull } from '../../shared/wire.js';
import { kfMessageFromWire, type KfMessage, type KfMessageWire } from './kf-messages.js';

export interface KfAccount {
  openKfId: string;
  name: string;
  avatarUrl: string | null;
  /** Whether this app may manage the account (assign servicers, send messages). */
  managePrivilege: boolean;
}

export type KfMenuItem =
  | { type: 'click'; id: string; content: string }
  | { type: 'view'; url: string; content: string }
  | { type: 'text'; content: string };

/** A message the servicer sends to the customer. */
export type KfOutgoing =
  | { type: 'text'; text: string }
  | { type: 'image' | 'voice' | 'video' | 'file'; mediaId: string }
  | { type: 'link'; title: string; description?: string; url: string; thumbMediaId: string }
  | { type: 'miniprogram'; title?: string; appId: string; pagePath: string; thumbMediaId: string }
  | { type: 'menu'; head?: string; items: KfMenuItem[]; tail?: string };

function menuItemToWire(item: KfMenuItem) {
  switch (item.type) {
    case 'click':
      return { type: 'click', click: { id: item.id, content: item.content } };
    case 'view':
      return { type: 'view', view: { url: item.url, content: item.content } };
    case 'text':
      return { type: 'text', text: { content: item.content } };
  }
}

/** `{ msgtype, <msgtype>: {...} }` as kf/send_msg and send_msg_on_event expect. */
function outgoingToWire(m: KfOutgoing): Record<string, unknown> {
  switch (m.type) {
    case 'text':
      return { msgtype: 'text', text: { content: m.text } };
    case 'image':
    case 'voice':
    case 'video':
    case 'file':
      return { msgtype: m.type, [m.type]: { media_id: m.mediaId } };
    case 'link':
      return {
        msgtype: 'link',
        link: { title: m.title, desc: m.description, url: m.url, thumb_media_id: m.thumbMediaId },
      };
    case 'miniprogram':
      return {
        msgtype: 'miniprogram',
        miniprogram: {
          appid: m.appId,
          title: m.title,
          thumb_media_id: m.thumbMediaId,
          pagepath: m.pagePath,
        },
      };
    case 'menu':
      return {
        msgtype: 'msgmenu',
        msgmenu: { head_content: m.head, list: m.items.map(menuItemToWire), tail_content: m.tail },
      };
  }
}

const base = '/cgi-bin/kf';

export function kfApi(api: ApiCaller) {
  return {
    async listAccounts(query: { offset?: number; limit?: number } = {}): Promise<KfAccount[]> {
      const res = await api.post<{
        account_list?: {
          open_kfid?: string;
          name?: string;
          avatar?: string;
          manage_privilege?: boolean;
        }[];
      }>(`${base}/account/list`, { offset: query.offset ?? 0, limit: query.limit ?? 100 });
      return (res.account_list ?? []).map((a) => ({
        openKfId: a.open_kfid ?? '',
        name: a.name ?? '',
        avatarUrl: orNull(a.avatar),
        managePrivilege: a.manage_privilege ?? false,
      }));
    },

    /**
     * Messages and events of the last 3 days after `cursor`. Pass the `Token` of the
     * kf_msg_or_event callback (valid 10 minutes) for the higher quota.
     */
    async syncMessages(query: {
      openKfId: string;
      cursor?: string;
      token?: string;
      limit?: number;
      voiceFormat?: 'amr' | 'silk';
    }): Promise<{ messages: KfMessage[]; nextCursor: string | null; hasMore: boolean }> {
      const res = await api.post<{
        msg_list?: KfMessageWire[];
        next_cursor?: string;
        has_more?: number;
      }>(`${base}/sync_msg`, {
        cursor: query.cursor,
        token: query.token,
        limit: query.limit,
        voice_format:
          query.voiceFormat === undefined ? undefined : query.voiceFormat === 'silk' ? 1 : 0,
        open_kfid: query.openKfId,
      });
      return {
        messages: (res.msg_list ?? []).map(kfMessageFromWire),
        nextCursor: orNull(res.next_cursor),
        hasMore: res.has_more === 1,
      };
    },

    /** At most 5 messages within 48 h of the customer's last message. */
    async send(input: {
      externalUserId: string;
      openKfId: string;
      /** Your own id for the message (idempotency on the platform's side). */
      msgId?: string;
      message: KfOutgoing;
    }): Promise<{ msgId: string }> {
      const res = await api.post<{ msgid?: string }>(
        `${base}/send_msg`,
        {
          touser: input.externalUserId,
          open_kfid: input.openKfId,
          msgid: input.msgId,
          ...outgoingToWire(input.message),
        },
        { sideEffect: true },
      );
      return { msgId: res.msgid ?? '' };
    },

    /** One message (text or menu) within 20 s of an enter_session event, with its welcome code. */
    async sendOnEvent(input: {
      code: string;
      msgId?: string;
      message: Extract<KfOutgoing, { type: 'text' | 'menu' }>;
    }): Promise<{ msgId: string }> {
      const res = await api.post<{ msgid?: string }>(
        `${base}/send_msg_on_event`,
        { code: input.code, msgid: input.msgId, ...outgoingToWire(input.message) },
        { sideEffect: true },
      );
      return { msgId: res.msgid ?? '' };
    },
  };
}

export type KfApi = ReturnType<typeof kfApi>;
