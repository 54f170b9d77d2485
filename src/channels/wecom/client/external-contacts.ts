import type { ApiCaller } from '../../shared/api-call.js';
import { orNull, page, type Page } from '../../shared/wire.js';
import {
  contactFromWire,
  followInfoFromWire,
  followUserFromWire,
  type ExternalContact,
  type ExternalContactWire,
  type FollowInfo,
  type FollowInfoWire,
  type FollowUser,
  type FollowUserWire,
} from './external-contact.mapping.js';

export interface ExternalContactDetail {
  contact: ExternalContact;
  /** The employees who have this customer, each with their remark, tags and add state. */
  followUsers: FollowUser[];
}

interface GetWire {
  external_contact?: ExternalContactWire;
  follow_user?: FollowUserWire[];
  next_cursor?: string;
}

const base = '/cgi-bin/externalcontact';

export function externalContactsApi(api: ApiCaller) {
  async function getPage(
    externalUserId: string,
    cursor?: string,
  ): Promise<ExternalContactDetail & { nextCursor: string | null }> {
    const res = await api.get<GetWire>(`${base}/get`, {
      external_userid: externalUserId,
      cursor: cursor || undefined,
    });
    return {
      contact: contactFromWire(res.external_contact ?? {}),
      followUsers: (res.follow_user ?? []).map(followUserFromWire),
      nextCursor: orNull(res.next_cursor),
    };
  }

  return {
    /** One page of the customer's details; follow users come 500 at a time. */
    getPage,

    /** The customer with every follow user, following the cursor past the first 500. */
    async get(externalUserId: string): Promise<ExternalContactDetail> {
      const first = await getPage(externalUserId);
      const followUsers = [...first.followUsers];
      let cursor = first.nextCursor;
      const seen = new Set<string>();
      while (cursor !== null && !seen.has(cursor)) {
        seen.add(cursor);
        const next = await getPage(externalUserId, cursor);
        followUsers.push(...next.followUsers);
        cursor = next.nextCursor;
      }
      return { contact: first.contact, followUsers };
    },

    /** Customers of up to 100 employees, one row per (customer, employee); for bulk import. */
    async batchGetByUser(query: {
      userIds: string[];
      cursor?: string;
      limit?: number;
    }): Promise<Page<{ contact: ExternalContact; followInfo: FollowInfo }>> {
      const res = await api.post<{
        external_contact_list?: {
          external_contact?: ExternalContactWire;
          follow_info?: FollowInfoWire;
        }[];
        next_cursor?: string;
      }>(`${base}/batch/get_by_user`, {
        userid_list: query.userIds,
        cursor: query.cursor ?? '',
        limit: query.limit ?? 100,
      });
      const items = (res.external_contact_list ?? []).map((entry) => ({
        contact: contactFromWire(entry.external_contact ?? {}),
        followInfo: followInfoFromWire(entry.follow_info ?? {}),
      }));
      return page(items, res.next_cursor);
    },

    /** External user ids of one employee's customers. */
    async list(userId: string): Promise<string[]> {
      const res = await api.get<{ external_userid?: string[] }>(`${base}/list`, { userid: userId });
      return res.external_userid ?? [];
    },

    /** Employees who have customer-contact enabled. */
    async listFollowUsers(): Promise<string[]> {
      const res = await api.get<{ follow_user?: string[] }>(`${base}/get_follow_user_list`);
      return res.follow_user ?? [];
    },

    /** Sets the employee's remark on a customer (only the fields given change). */
    async remark(input: {
      userId: string;
      externalUserId: string;
      remark?: string;
      description?: string;
      remarkCompany?: string;
      remarkMobiles?: string[];
      remarkPicMediaId?: string;
    }): Promise<void> {
      await api.post(`${base}/remark`, {
        userid: input.userId,
        external_userid: input.externalUserId,
        remark: input.remark,
        description: input.description,
        remark_company: input.remarkCompany,
        remark_mobiles: input.remarkMobiles,
        remark_pic_mediaid: input.remarkPicMediaId,
      });
    },
  };
}

export type ExternalContactsApi = ReturnType<typeof externalContactsApi>;
