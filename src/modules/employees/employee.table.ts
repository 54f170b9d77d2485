import type { Insertable, Selectable, Updateable } from 'kysely';

export const employeeStatuses = ['active', 'disabled', 'inactive', 'resigned'] as const;
export type EmployeeStatus = (typeof employeeStatuses)[number];

/** A department of a WeCom corp's directory (kept after WeCom deletes it: `deleted_at`). */
export interface DepartmentTable {
  id: string;
  workspace_id: string;
  corp_id: string;
  /** WeCom's department id, as text. */
  department_id: string;
  name: string;
  /** The parent's WeCom department id; null for the root. */
  parent_id: string | null;
  sort_order: number;
  synced_at: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

/**
 * A member of a WeCom corp (员工). Never deleted: follows and history point at `user_id`;
 * one who left the corp is `resigned`.
 */
export interface EmployeeTable {
  id: string;
  workspace_id: string;
  corp_id: string;
  user_id: string;
  name: string;
  position: string | null;
  avatar_url: string | null;
  /** The mobile number sealed with the SecretBox (PII). */
  mobile_sealed: string | null;
  email: string | null;
  gender: 'male' | 'female' | 'unknown' | null;
  main_department_id: string | null;
  /** JSON array of WeCom department ids (strings). */
  department_ids: string;
  status: EmployeeStatus;
  /** 1 when the employee is in WeCom's follow-user list (has customer-contact permission). */
  customer_contact: 0 | 1;
  /** The console user this employee is (sales see their own customers through it). */
  user_account_id: string | null;
  /** When a full sync last saw the employee (or a callback last changed it). */
  synced_at: number;
  created_at: number;
  /** The platform time of the latest change applied; older events arriving late are ignored. */
  updated_at: number;
  resigned_at: number | null;
}

export interface EmployeesTables {
  department: DepartmentTable;
  employee: EmployeeTable;
}

export type DepartmentRow = Selectable<DepartmentTable>;
export type NewDepartmentRow = Insertable<DepartmentTable>;
export type EmployeeRow = Selectable<EmployeeTable>;
export type NewEmployeeRow = Insertable<EmployeeTable>;
export type EmployeeUpdate = Updateable<EmployeeTable>;
