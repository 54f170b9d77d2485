import type { ApiCaller } from '../../shared/api-call.js';
import { fromUnixSeconds, page, type Page } from '../../shared/wire.js';

/** Per-customer outcome of a transfer request: errcode 0 means accepted. */
export interface CustomerTransferOutcome {
  externalUserId: string;
  errcode: number;
}

/** 1 done, 2 waiting (24 h), 3 refused by the customer, 4 takeover limit, 5 no transfer record. */
export type CustomerTransferStatus = 'done' | 'waiting' | 'refused' | 'limit_exceeded' | 'none';

export interface CustomerTransferResult {
  externalUserId: string;
  status: CustomerTransferStatus;
  takeoverAt: number | null;
}

export interface UnassignedCustomer {
  handoverUserId: string;
  externalUserId: string;
  /** When the employee left (epoch ms). */
  leftAt: number | null;
}

export interface TransferRequest {
  handoverUserId: string;
  takeoverUserId: string;
  /** Up to 100 customers. */
  externalUserIds: string[];
}

export interface GroupTransferRequest {
  chatIds: string[];
  newOwnerUserId: string;
}

export interface GroupTransferFailure {
  chatId: string;
  errcode: number;
  errmsg: string;
}

interface OutcomeWire {
  customer?: { external_userid?: string; errcode?: number }[];
}

interface ResultWire {
  customer?: { external_userid?: string; status?: number; takeover_time?: number }[];
  next_cursor?: string;
}

const statuses: Record<number, CustomerTransferStatus> = {
  1: 'done',
  2: 'waiting',
  3: 'refused',
  4: 'limit_exceeded',
  5: 'none',
};

function outcomesFromWire(res: OutcomeWire): CustomerTransferOutcome[] {
  return (res.customer ?? []).map((c) => ({
    externalUserId: c.external_userid ?? '',
    errcode: c.errcode ?? 0,
  }));
}

function resultsFromWire(res: ResultWire): Page<CustomerTransferResult> {
  const items = (res.customer ?? []).map((c) => ({
    externalUserId: c.external_userid ?? '',
    status: statuses[c.status ?? 0] ?? 'none',
    takeoverAt: fromUnixSeconds(c.takeover_time),
  }));
  return page(items, res.next_cursor);
}

function failuresFromWire(res: {
  failed_chat_list?: { chat_id?: string; errcode?: number; errmsg?: string }[];
}): GroupTransferFailure[] {
  return (res.failed_chat_list ?? []).map((f) => ({
    chatId: f.chat_id ?? '',
    errcode: f.errcode ?? 0,
    errmsg: f.errmsg ?? '',
  }));
}

const base = '/cgi-bin/externalcontact';

export function transfersApi(api: ApiCaller) {
  const transferBody = (r: TransferRequest, extra: Record<string, unknown> = {}) => ({
    handover_userid: r.handoverUserId,
    takeover_userid: r.takeoverUserId,
    external_userid: r.externalUserIds,
    ...extra,
  });
  const transferGroups = async (
    path: string,
    input: GroupTransferRequest,
  ): Promise<GroupTransferFailure[]> => {
    const body = { chat_id_list: input.chatIds, new_owner: input.newOwnerUserId };
    return failuresFromWire(await api.post(path, body, { sideEffect: true }));
  };
  const resultBody = (q: { handoverUserId: string; takeoverUserId: string; cursor?: string }) => ({
    handover_userid: q.handoverUserId,
    takeover_userid: q.takeoverUserId,
    cursor: q.cursor,
  });

  return {
    /** Hands an employee's customers to another (takes effect after 24 h unless refused). */
    async transferCustomers(
      request: TransferRequest & { successMessage?: string },
    ): Promise<CustomerTransferOutcome[]> {
      const body = transferBody(request, { transfer_success_msg: request.successMessage });
      return outcomesFromWire(
        await api.post<OutcomeWire>(`${base}/transfer_customer`, body, { sideEffect: true }),
      );
    },

    async transferResults(query: {
      handoverUserId: string;
      takeoverUserId: string;
      cursor?: string;
    }): Promise<Page<CustomerTransferResult>> {
      return resultsFromWire(
        await api.post<ResultWire>(`${base}/transfer_result`, resultBody(query)),
      );
    },

    /** Customers of employees who left, not yet given to anyone. */
    async unassigned(
      query: { cursor?: string; pageSize?: number } = {},
    ): Promise<Page<UnassignedCustomer>> {
      const res = await api.post<{
        info?: { handover_userid?: string; external_userid?: string; dimission_time?: number }[];
        next_cursor?: string;
      }>(`${base}/get_unassigned_list`, { cursor: query.cursor, page_size: query.pageSize });
      const items = (res.info ?? []).map((i) => ({
        handoverUserId: i.handover_userid ?? '',
        externalUserId: i.external_userid ?? '',
        leftAt: fromUnixSeconds(i.dimission_time),
      }));
      return page(items, res.next_cursor);
    },

    async transferResignedCustomers(request: TransferRequest): Promise<CustomerTransferOutcome[]> {
      return outcomesFromWire(
        await api.post<OutcomeWire>(`${base}/resigned/transfer_customer`, transferBody(request), {
          sideEffect: true,
        }),
      );
    },

    async resignedTransferResults(query: {
      handoverUserId: string;
      takeoverUserId: string;
      cursor?: string;
    }): Promise<Page<CustomerTransferResult>> {
      return resultsFromWire(
        await api.post<ResultWire>(`${base}/resigned/transfer_result`, resultBody(query)),
      );
    },

    /** Gives groups of a current employee to a new owner (up to 100 a call). */
    transferGroupChats: (input: GroupTransferRequest) =>
      transferGroups(`${base}/groupchat/onjob_transfer`, input),

    /** Gives groups of employees who left to a new owner (up to 100 a call). */
    transferResignedGroupChats: (input: GroupTransferRequest) =>
      transferGroups(`${base}/groupchat/transfer`, input),
  };
}

export type TransfersApi = ReturnType<typeof transfersApi>;
