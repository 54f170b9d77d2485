import type { ApiCaller } from '../../shared/api-call.js';

/**
 * A customer-service message. Allowed within 48 h of the user's last message (5 messages) or
 * 1 minute after a follow, menu click or scan (3 messages); beyond that the platform answers
 * 45047 (kind `quota_exceeded`).
 */
export type CustomMessage =
  | { type: 'text'; text: string }
  | { type: 'image' | 'voice'; mediaId: string }
  | { type: 'video'; mediaId: string; thumbMediaId?: string; title?: string; description?: string }
  | { type: 'link'; title: string; description?: string; url: string; picUrl?: string }
  | { type: 'miniprogram'; title: string; appId: string; pagePath: string; thumbMediaId: string }
  | { type: 'menu'; head?: string; items: { id: string; content: string }[]; tail?: string };

export interface TemplateMessage {
  toOpenId: string;
  templateId: string;
  /** Opened on tap (ignored when the mini program can open). */
  url?: string;
  miniProgram?: { appId: string; pagePath: string };
  data: Record<string, { value: string; color?: string }>;
  /** Deduplication id: the platform drops a repeat with the same id. */
  clientMsgId?: string;
}

function customToWire(m: CustomMessage): Record<string, unknown> {
  switch (m.type) {
    case 'text':
      return { msgtype: 'text', text: { content: m.text } };
    case 'image':
    case 'voice':
      return { msgtype: m.type, [m.type]: { media_id: m.mediaId } };
    case 'video':
      return {
        msgtype: 'video',
        video: {
          media_id: m.mediaId,
          thumb_media_id: m.thumbMediaId,
          title: m.title,
          description: m.description,
        },
      };
    case 'link':
      return {
        msgtype: 'news',
        news: {
          articles: [{ title: m.title, description: m.description, url: m.url, picurl: m.picUrl }],
        },
      };
    case 'miniprogram':
      return {
        msgtype: 'miniprogrampage',
        miniprogrampage: {
          title: m.title,
          appid: m.appId,
          pagepath: m.pagePath,
          thumb_media_id: m.thumbMediaId,
        },
      };
    case 'menu':
      return {
        msgtype: 'msgmenu',
        msgmenu: { head_content: m.head, list: m.items, tail_content: m.tail },
      };
  }
}

export function oaMessagesApi(api: ApiCaller) {
  return {
    async sendCustom(input: {
      toOpenId: string;
      message: CustomMessage;
      /** Send as this customer-service account (`kf@gh_…`). */
      kfAccount?: string;
    }): Promise<void> {
      await api.post(
        '/cgi-bin/message/custom/send',
        {
          touser: input.toOpenId,
          ...customToWire(input.message),
          customservice: input.kfAccount ? { kf_account: input.kfAccount } : undefined,
        },
        { sideEffect: true },
      );
    },

    /** The delivery outcome arrives later as a TEMPLATESENDJOBFINISH event with this id. */
    async sendTemplate(message: TemplateMessage): Promise<{ msgId: string }> {
      const res = await api.post<{ msgid?: number | string }>(
        '/cgi-bin/message/template/send',
        {
          touser: message.toOpenId,
          template_id: message.templateId,
          url: message.url,
          miniprogram: message.miniProgram && {
            appid: message.miniProgram.appId,
            pagepath: message.miniProgram.pagePath,
          },
          client_msg_id: message.clientMsgId,
          data: message.data,
        },
        // With a client_msg_id the platform deduplicates, so an unclear failure may be retried.
        { sideEffect: message.clientMsgId === undefined },
      );
      return { msgId: String(res.msgid ?? '') };
    },
  };
}

export type OaMessagesApi = ReturnType<typeof oaMessagesApi>;
