/** Access tokens, callback receivers and delivery records. */

export type TokenOwner =
  { kind: 'wecom'; corpid: string; agentid: number } | { kind: 'wechat'; appid: string };

export interface AccessToken {
  token: string;
  owner: TokenOwner;
  /** Epoch ms. */
  issuedAt: number;
  expiresAt: number;
}

/** Where callbacks of one corp or app are pushed, and the secrets to seal them with. */
export interface Receiver {
  /** `wecom:<corpid>` or `oa:<appid>`. */
  key: string;
  url: string;
  token: string;
  encodingAesKey: string;
  /** corpid (WeCom) or appid (Official Account): the id sealed into every payload. */
  receiveId: string;
  /** WeCom: the AgentID written in the envelope (the app whose callback URL this is). */
  agentId: string | null;
}

export interface DeliveryAttempt {
  /** Epoch ms (wall time, not the simulated clock). */
  at: number;
  durationMs: number;
  status: number | null;
  body: string | null;
  error: string | null;
  ok: boolean;
}

export type DeliveryStatus = 'pending' | 'held' | 'delivered' | 'failed' | 'no_receiver';

export interface Delivery {
  id: string;
  receiver: string;
  /** e.g. `change_external_contact/add_external_contact`, `subscribe`, `text`. */
  event: string;
  /** The decrypted XML the receiver should read. */
  plaintext: string;
  createdAt: number;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** Set when the fault injector sent this callback a second time. */
  duplicateOf: string | null;
  /** Set when the fault injector held this callback back to deliver it after a later one. */
  reordered: boolean;
  /** The receiver's passive reply, decrypted, when it answered with one. */
  reply: string | null;
}
