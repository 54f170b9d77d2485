import type { ApiCaller } from '../../shared/api-call.js';
import { fromUnixSeconds, page, type Page } from '../../shared/wire.js';

/** Who answers customers arriving through the link. */
export interface LinkRange {
  userIds?: string[];
  departmentIds?: number[];
}

export interface AcquisitionLink {
  linkId: string;
  name: string;
  /** Append `customer_channel=<≤64 bytes>`; it comes back as the add event's State. */
  url: string;
  createdAt: number | null;
  skipVerify: boolean | null;
  range: LinkRange | null;
}

export interface LinkCustomer {
  externalUserId: string;
  userId: string;
  /** Whether the customer has started chatting. */
  chatting: boolean;
  /** The `customer_channel` the customer came with. */
  state: string | null;
}

interface LinkWire {
  link_id?: string;
  link_name?: string;
  url?: string;
  create_time?: number;
  skip_verify?: boolean;
}

interface RangeWire {
  user_list?: string[];
  department_list?: number[];
}

function linkFromWire(link: LinkWire, linkId: string, range?: RangeWire): AcquisitionLink {
  return {
    linkId: link.link_id ?? linkId,
    name: link.link_name ?? '',
    url: link.url ?? '',
    createdAt: fromUnixSeconds(link.create_time),
    skipVerify: link.skip_verify ?? null,
    range: range
      ? { userIds: range.user_list ?? [], departmentIds: range.department_list ?? [] }
      : null,
  };
}

const base = '/cgi-bin/externalcontact/customer_acquisition';

export function acquisitionLinksApi(api: ApiCaller) {
  return {
    async create(input: {
      name: string;
      range: LinkRange;
      skipVerify?: boolean;
    }): Promise<AcquisitionLink> {
      const res = await api.post<{ link?: LinkWire }>(
        `${base}/create_link`,
        {
          link_name: input.name,
          range: { user_list: input.range.userIds, department_list: input.range.departmentIds },
          skip_verify: input.skipVerify,
        },
        { sideEffect: true },
      );
      return linkFromWire(res.link ?? {}, '');
    },

    async list(query: { cursor?: string; limit?: number } = {}): Promise<Page<string>> {
      const res = await api.post<{ link_id_list?: string[]; next_cursor?: string }>(
        `${base}/list_link`,
        {
          limit: query.limit,
          cursor: query.cursor,
        },
      );
      return page(res.link_id_list, res.next_cursor);
    },

    async get(linkId: string): Promise<AcquisitionLink> {
      const res = await api.post<{ link?: LinkWire; range?: RangeWire }>(`${base}/get`, {
        link_id: linkId,
      });
      return linkFromWire(res.link ?? {}, linkId, res.range ?? {});
    },

    /** Customers who came through the link. */
    async customers(query: {
      linkId: string;
      cursor?: string;
      limit?: number;
    }): Promise<Page<LinkCustomer>> {
      const res = await api.post<{
        customer_list?: {
          external_userid?: string;
          userid?: string;
          chat_status?: number;
          state?: string;
        }[];
        next_cursor?: string;
      }>(`${base}/customer`, { link_id: query.linkId, limit: query.limit, cursor: query.cursor });
      const items = (res.customer_list ?? []).map((c) => ({
        externalUserId: c.external_userid ?? '',
        userId: c.userid ?? '',
        chatting: c.chat_status === 1,
        state: c.state || null,
      }));
      return page(items, res.next_cursor);
    },
  };
}

export type AcquisitionLinksApi = ReturnType<typeof acquisitionLinksApi>;
