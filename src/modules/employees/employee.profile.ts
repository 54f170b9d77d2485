import type { Member, MemberStatus } from '../../channels/wecom/client/directory.js';
import type { SecretBox } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import type {
  EmployeeRow,
  EmployeeStatus,
  EmployeeTable,
  NewEmployeeRow,
} from './employee.table.js';

/**
 * An employee's profile as the directory reports it. A field left undefined is unknown (an
 * update that does not mention it, or a field the app is not authorized to read) and keeps
 * the stored value.
 */
export interface EmployeeProfile {
  name?: string | undefined;
  position?: string | undefined;
  avatarUrl?: string | undefined;
  mobile?: string | undefined;
  email?: string | undefined;
  gender?: EmployeeTable['gender'] | undefined;
  mainDepartmentId?: string | undefined;
  departmentIds?: string[] | undefined;
  status?: EmployeeStatus | undefined;
  customerContact?: boolean | undefined;
}

const memberStatuses: Record<MemberStatus, EmployeeStatus> = {
  active: 'active',
  disabled: 'disabled',
  inactive: 'inactive',
  left: 'resigned',
  // Listed in the directory without a status: a member.
  unknown: 'active',
};

const given = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** A member of a directory listing; `customerContact` from the follow-user list. */
export function profileOfMember(member: Member, customerContact: boolean): EmployeeProfile {
  return {
    name: member.name,
    position: given(member.position),
    avatarUrl: given(member.avatarUrl),
    mobile: given(member.mobile),
    email: given(member.email),
    gender: member.gender === 'unknown' ? undefined : member.gender,
    mainDepartmentId:
      member.mainDepartmentId === null ? undefined : String(member.mainDepartmentId),
    departmentIds: member.departmentIds.map(String),
    status: memberStatuses[member.status],
    customerContact,
  };
}

/**
 * The columns of `profile` that differ from `row` (mobile compared in the clear); empty when
 * nothing changed. `changedAt` is when a change to `resigned` happened.
 */
export function profileChanges(
  row: EmployeeRow,
  profile: EmployeeProfile,
  secretBox: SecretBox,
  changedAt: number,
): Partial<EmployeeRow> {
  const changes: Partial<EmployeeRow> = {};
  const set = <K extends keyof EmployeeRow>(key: K, value: EmployeeRow[K] | undefined) => {
    if (value !== undefined && row[key] !== value) changes[key] = value;
  };
  set('name', profile.name);
  set('position', profile.position);
  set('avatar_url', profile.avatarUrl);
  set('email', profile.email);
  set('gender', profile.gender);
  set('main_department_id', profile.mainDepartmentId);
  set('department_ids', profile.departmentIds && JSON.stringify(profile.departmentIds));
  set(
    'customer_contact',
    profile.customerContact === undefined ? undefined : profile.customerContact ? 1 : 0,
  );
  if (profile.mobile !== undefined) {
    const current = row.mobile_sealed === null ? null : secretBox.open(row.mobile_sealed);
    if (current !== profile.mobile) changes.mobile_sealed = secretBox.seal(profile.mobile);
  }
  if (profile.status !== undefined && profile.status !== row.status) {
    changes.status = profile.status;
    changes.resigned_at = profile.status === 'resigned' ? changedAt : null;
  }
  return changes;
}

/** A new employee row from what is known of the profile. */
export function newEmployeeRow(input: {
  workspaceId: string;
  corpId: string;
  userId: string;
  profile: EmployeeProfile;
  secretBox: SecretBox;
  /** Platform time of the change (updated_at) and now (synced_at, created_at). */
  changedAt: number;
  now: number;
}): NewEmployeeRow {
  const { profile, now } = input;
  const status = profile.status ?? 'active';
  return {
    id: newId(now),
    workspace_id: input.workspaceId,
    corp_id: input.corpId,
    user_id: input.userId,
    name: profile.name ?? input.userId,
    position: profile.position ?? null,
    avatar_url: profile.avatarUrl ?? null,
    mobile_sealed: profile.mobile === undefined ? null : input.secretBox.seal(profile.mobile),
    email: profile.email ?? null,
    gender: profile.gender ?? null,
    main_department_id: profile.mainDepartmentId ?? null,
    department_ids: JSON.stringify(profile.departmentIds ?? []),
    status,
    customer_contact: profile.customerContact ? 1 : 0,
    user_account_id: null,
    synced_at: now,
    created_at: now,
    updated_at: input.changedAt,
    resigned_at: status === 'resigned' ? input.changedAt : null,
  };
}
