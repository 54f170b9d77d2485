/** WeChat Customer Service (微信客服): accounts, the message log and its tokens. */

export interface KfAccount {
  open_kfid: string;
  name: string;
  avatar: string;
  manage_privilege: boolean;
}

export interface KfMessage {
  msgid: string;
  open_kfid: string;
  external_userid: string;
  /** Epoch seconds. */
  send_time: number;
  /** 3 sent by the customer, 4 system event. */
  origin: 3 | 4;
  msgtype: string;
  body: Record<string, unknown>;
}

export interface KfState {
  accounts: Record<string, KfAccount>;
  /** Append-only; a sync_msg cursor is a position in it. */
  messages: KfMessage[];
  /** Callback tokens: token → expiry (epoch ms) and account. */
  tokens: Record<string, { open_kfid: string; expiresAt: number }>;
  /** enter_session welcome codes for send_msg_on_event. */
  eventCodes: Record<
    string,
    { open_kfid: string; external_userid: string; issuedAt: number; used: boolean }
  >;
  /** `${open_kfid}|${external_userid}` → epoch ms of replies sent since the customer's last message. */
  sent: Record<string, { lastCustomerMessageAt: number; replies: number }>;
}
