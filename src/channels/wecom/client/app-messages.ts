import type { ApiCaller } from '../../shared/api-call.js';
import { flag, joinIds, orNull, splitIds } from '../../shared/wire.js';

/** A message from the app to employees (notifications: new lead, task due, …). */
export type AppMessageContent =
  | { type: 'text'; text: string }
  | { type: 'markdown'; markdown: string }
  | { type: 'textcard'; title: string; description: string; url: string; buttonText?: string }
  | { type: 'image' | 'file'; mediaId: string };

export interface AppMessage {
  /** Member ids, or `['@all']`. */
  toUserIds?: string[];
  toDepartmentIds?: (string | number)[];
  toTagIds?: (string | number)[];
  content: AppMessageContent;
  /** Confidential: no forwarding, watermarked. */
  safe?: boolean;
  enableIdTrans?: boolean;
  enableDuplicateCheck?: boolean;
  duplicateCheckIntervalSeconds?: number;
}

export interface AppMessageResult {
  msgId: string;
  invalidUserIds: string[];
  invalidDepartmentIds: string[];
  invalidTagIds: string[];
  /** Members without a license: they did not receive it. */
  unlicensedUserIds: string[];
  /** For updating a template card later (valid 72 h). */
  responseCode: string | null;
}

function contentToWire(c: AppMessageContent): Record<string, unknown> {
  switch (c.type) {
    case 'text':
      return { msgtype: 'text', text: { content: c.text } };
    case 'markdown':
      return { msgtype: 'markdown', markdown: { content: c.markdown } };
    case 'textcard':
      return {
        msgtype: 'textcard',
        textcard: { title: c.title, description: c.description, url: c.url, btntxt: c.buttonText },
      };
    case 'image':
    case 'file':
      return { msgtype: c.type, [c.type]: { media_id: c.mediaId } };
  }
}

export function appMessagesApi(api: ApiCaller, agentId: () => number) {
  return {
    async send(message: AppMessage): Promise<AppMessageResult> {
      const { content, ...m } = message;
      const res = await api.post<{
        msgid?: string;
        invaliduser?: string;
        invalidparty?: string;
        invalidtag?: string;
        unlicenseduser?: string;
        response_code?: string;
      }>(
        '/cgi-bin/message/send',
        {
          touser: joinIds(m.toUserIds),
          toparty: joinIds(m.toDepartmentIds),
          totag: joinIds(m.toTagIds),
          ...contentToWire(content),
          agentid: agentId(),
          safe: flag(m.safe),
          enable_id_trans: flag(m.enableIdTrans),
          enable_duplicate_check: flag(m.enableDuplicateCheck),
          duplicate_check_interval: m.duplicateCheckIntervalSeconds,
        },
        { sideEffect: true },
      );
      return {
        msgId: res.msgid ?? '',
        invalidUserIds: splitIds(res.invaliduser),
        invalidDepartmentIds: splitIds(res.invalidparty),
        invalidTagIds: splitIds(res.invalidtag),
        unlicensedUserIds: splitIds(res.unlicenseduser),
        responseCode: orNull(res.response_code),
      };
    },
  };
}

export type AppMessagesApi = ReturnType<typeof appMessagesApi>;
