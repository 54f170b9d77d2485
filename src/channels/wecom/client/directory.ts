import type { ApiCaller } from '../../shared/api-call.js';
import { orNull } from '../../shared/wire.js';
import type { Gender } from './external-contact.mapping.js';

export interface Department {
  id: number;
  name: string;
  nameEn: string | null;
  parentId: number;
  order: number;
  leaderUserIds: string[];
}

/** 1 active, 2 disabled, 4 not yet activated, 5 left the corp. */
export type MemberStatus = 'active' | 'disabled' | 'inactive' | 'left' | 'unknown';

export interface Member {
  userId: string;
  name: string;
  departmentIds: number[];
  mainDepartmentId: number | null;
  /** Apps created after mid-2022 no longer receive the fields below unless authorized. */
  position: string | null;
  mobile: string | null;
  email: string | null;
  gender: Gender;
  avatarUrl: string | null;
  alias: string | null;
  status: MemberStatus;
  openUserId: string | null;
  /** The member's personal "add me" QR code. */
  qrCodeUrl: string | null;
}

export interface MemberSummary {
  userId: string;
  name: string;
  departmentIds: number[];
  openUserId: string | null;
}

interface MemberWire {
  userid?: string;
  name?: string;
  department?: number[];
  main_department?: number;
  position?: string;
  mobile?: string;
  email?: string;
  gender?: string | number;
  avatar?: string;
  alias?: string;
  status?: number;
  open_userid?: string;
  qr_code?: string;
}

const memberStatuses: Record<number, MemberStatus> = {
  1: 'active',
  2: 'disabled',
  4: 'inactive',
  5: 'left',
};
const genders: Record<string, Gender> = { '1': 'male', '2': 'female' };

function memberFromWire(m: MemberWire): Member {
  return {
    userId: m.userid ?? '',
    name: m.name ?? '',
    departmentIds: m.department ?? [],
    mainDepartmentId: m.main_department ?? null,
    position: orNull(m.position),
    mobile: orNull(m.mobile),
    email: orNull(m.email),
    gender: genders[String(m.gender ?? 0)] ?? 'unknown',
    avatarUrl: orNull(m.avatar),
    alias: orNull(m.alias),
    status: memberStatuses[m.status ?? 0] ?? 'unknown',
    openUserId: orNull(m.open_userid),
    qrCodeUrl: orNull(m.qr_code),
  };
}

export function directoryApi(api: ApiCaller) {
  return {
    /** The department and all below it (the whole visible tree when `id` is omitted). */
    async departments(id?: number): Promise<Department[]> {
      const res = await api.get<{
        department?: {
          id?: number;
          name?: string;
          name_en?: string;
          parentid?: number;
          order?: number;
          department_leader?: string[];
        }[];
      }>('/cgi-bin/department/list', { id });
      return (res.department ?? []).map((d) => ({
        id: d.id ?? 0,
        name: d.name ?? '',
        nameEn: orNull(d.name_en),
        parentId: d.parentid ?? 0,
        order: d.order ?? 0,
        leaderUserIds: d.department_leader ?? [],
      }));
    },

    /** Members of one department, with details. */
    async members(departmentId: number): Promise<Member[]> {
      const res = await api.get<{ userlist?: MemberWire[] }>('/cgi-bin/user/list', {
        department_id: departmentId,
      });
      return (res.userlist ?? []).map(memberFromWire);
    },

    async member(userId: string): Promise<Member> {
      return memberFromWire(await api.get<MemberWire>('/cgi-bin/user/get', { userid: userId }));
    },

    /** Members of one department: ids and names only. */
    async memberSummaries(departmentId: number): Promise<MemberSummary[]> {
      const res = await api.get<{
        userlist?: {
          userid?: string;
          name?: string;
          department?: number[];
          open_userid?: string;
        }[];
      }>('/cgi-bin/user/simplelist', { department_id: departmentId });
      return (res.userlist ?? []).map((m) => ({
        userId: m.userid ?? '',
        name: m.name ?? '',
        departmentIds: m.department ?? [],
        openUserId: orNull(m.open_userid),
      }));
    },
  };
}

export type DirectoryApi = ReturnType<typeof directoryApi>;
