import type { Insertable, Selectable } from 'kysely';

export const followStatuses = ['active', 'removed_by_customer', 'removed_by_employee'] as const;
export type FollowStatus = (typeof followStatuses)[number];

/**
 * A WeCom friendship: an employee of a corp and a customer (external contact). One row per
 * (corp, employee, external user); removal keeps the row (status and `removed_at`).
 */
export interface FollowTable {
  id: string;
  workspace_id: string;
  person_id: string;
  home_person_id: string;
  corp_id: string;
  employee_user_id: string;
  external_user_id: string;
  /** The channel code's / acquisition link's `state` the customer came through. */
  state: string | null;
  /** WeCom's add_way code (1 scanned a QR code, 2 searched the phone, …); null if unknown. */
  add_way: number | null;
  /** The employee's remark name for the customer, and description. */
  remark: string | null;
  description: string | null;
  /** The corp tag ids the employee put on the customer, JSON array of strings. */
  wecom_tag_ids: string;
  status: FollowStatus;
  added_at: number;
  removed_at: number | null;
  /** The platform time of the latest event applied (older events arriving late are ignored). */
  last_event_at: number;
  updated_at: number;
}

/** A person's subscription to an Official Account (one row per appid and openid). */
export interface OaSubscriptionTable {
  id: string;
  workspace_id: string;
  person_id: string;
  home_person_id: string;
  app_id: string;
  openid: string;
  subscribed: 0 | 1;
  /** The subscribe scene (ADD_SCENE_QR_CODE, …) or the QR code's scene value, when known. */
  scene: string | null;
  subscribed_at: number | null;
  unsubscribed_at: number | null;
  last_event_at: number;
  updated_at: number;
}

export const lossAlertStatuses = ['open', 'handled'] as const;
export type LossAlertStatus = (typeof lossAlertStatuses)[number];

/** 流失提醒: a customer deleted an employee. */
export interface LossAlertTable {
  id: string;
  workspace_id: string;
  person_id: string;
  home_person_id: string;
  follow_id: string;
  corp_id: string;
  employee_user_id: string;
  occurred_at: number;
  status: LossAlertStatus;
  handled_at: number | null;
  handled_by: string | null;
  created_at: number;
}

export interface RelationsTables {
  follow: FollowTable;
  oa_subscription: OaSubscriptionTable;
  loss_alert: LossAlertTable;
}

export type FollowRow = Selectable<FollowTable>;
export type NewFollowRow = Insertable<FollowTable>;
export type OaSubscriptionRow = Selectable<OaSubscriptionTable>;
export type LossAlertRow = Selectable<LossAlertTable>;
