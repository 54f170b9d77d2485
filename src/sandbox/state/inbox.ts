/** What each simulated person saw: every message the platforms delivered to them. */

export type ReceivedChannel =
  | 'wecom_welcome'
  | 'wecom_mass'
  | 'wecom_group_mass'
  | 'wecom_moment'
  | 'oa_custom'
  | 'oa_template'
  | 'oa_passive_reply'
  | 'kf';

export type MessageSender =
  | { kind: 'employee'; corpid: string; userid: string }
  | { kind: 'group'; corpid: string; chat_id: string; userid: string }
  | { kind: 'oa'; appid: string }
  | { kind: 'kf'; corpid: string; open_kfid: string };

export interface ReceivedMessage {
  id: string;
  /** Epoch ms. */
  at: number;
  channel: ReceivedChannel;
  from: MessageSender;
  msgtype: string;
  /** The text a person reads first (text content, link title, template first line…). */
  text: string;
  /** Every URL the message carries (links, template url, mini program page). */
  links: string[];
  /** The message as the platform accepted it. */
  payload: Record<string, unknown>;
  /** The platform id of the send (welcome code, mass msgid, template msgid, kf msgid). */
  ref: string;
}

export interface LinkClick {
  personId: string;
  url: string;
  at: number;
  /** HTTP status when the sandbox fetched the URL, null when not fetched or unreachable. */
  status: number | null;
  error: string | null;
}
