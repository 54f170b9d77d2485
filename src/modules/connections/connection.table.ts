import type { Insertable, Selectable, Updateable } from 'kysely';

export const connectionKinds = ['wecom', 'oa', 'miniprogram'] as const;
export type ConnectionKind = (typeof connectionKinds)[number];

/** How an Official Account's callbacks arrive; WeCom is always encrypted (`safe`). */
export const encryptModes = ['plaintext', 'safe'] as const;
export type EncryptMode = (typeof encryptModes)[number];

/** `disabled` keeps the credentials but refuses callbacks and skips API checks. */
export const connectionStatuses = ['active', 'disabled'] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

/** A WeCom corp (its self-built app), an Official Account or a Mini Program of a workspace. */
export interface ConnectionTable {
  id: string;
  workspace_id: string;
  kind: ConnectionKind;
  /** WeCom: the corp ID (ww…); Official Account and Mini Program: the AppID (wx…). */
  app_id: string;
  /** WeCom: the self-built app's AgentId. */
  agent_id: number | null;
  display_name: string;
  /** Sealed with the SecretBox (never stored in plaintext). */
  secret_sealed: string;
  /** Callback Token, sealed; none for Mini Programs. */
  token_sealed: string | null;
  /** Callback EncodingAESKey, sealed; none for plaintext-mode Official Accounts. */
  aes_key_sealed: string | null;
  encrypt_mode: EncryptMode | null;
  /** The platform's API base URL (the real one by default; the sandbox's in demos). */
  api_base_url: string;
  status: ConnectionStatus;
  /** When the platform last verified the callback URL (the GET handshake). */
  callback_verified_at: number | null;
  /** When a callback last arrived (written at most once a minute). */
  last_callback_at: number | null;
  created_at: number;
  updated_at: number;
}

export const callbackOutcomes = ['handled', 'unhandled'] as const;
export type CallbackStoredOutcome = (typeof callbackOutcomes)[number];

/** Every accepted callback, decrypted, as it came: the inbox of the event flow. */
export interface InboundCallbackTable {
  id: string;
  workspace_id: string;
  connection_id: string;
  /** From the channel's parser; a re-delivery has the same key and is not stored again. */
  dedup_key: string;
  /**
   * What it was: the domain events it produced (`contact.added`), or for an unhandled one the
   * platform's name for it (`event/change_contact/create_party`).
   */
  topic: string;
  /** The decrypted XML. */
  plaintext: string;
  /** `unhandled`: a well-formed callback that produced no domain event (kept for replay). */
  outcome: CallbackStoredOutcome;
  received_at: number;
}

export interface ConnectionsTables {
  connection: ConnectionTable;
  inbound_callback: InboundCallbackTable;
}

export type ConnectionRow = Selectable<ConnectionTable>;
export type NewConnectionRow = Insertable<ConnectionTable>;
export type ConnectionUpdate = Updateable<ConnectionTable>;
export type InboundCallbackRow = Selectable<InboundCallbackTable>;
