import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { encodeCursor, paginate } from '../http/pagination.js';
import { WxError } from '../http/wx-error.js';
import type { Corp } from '../state/corp.js';
import type { Transfer } from '../state/transfers.js';
import { contactEmployee, wecomRoute } from './common.js';
import { settleTransfers } from './transfer.logic.js';

const BASE = '/cgi-bin/externalcontact';

const transferInput = z.object({
  handover_userid: z.string().min(1),
  takeover_userid: z.string().min(1),
  external_userid: z.array(z.string()).min(1).max(100),
  transfer_success_msg: z.string().max(200).optional(),
});

const resultInput = z.object({
  handover_userid: z.string().min(1),
  takeover_userid: z.string().min(1),
  cursor: z.string().optional(),
});

function requestTransfers(
  ctx: SandboxContext,
  corp: Corp,
  kind: Transfer['kind'],
  input: z.infer<typeof transferInput>,
): { customer: { external_userid: string; errcode: number }[] } {
  contactEmployee(corp, input.takeover_userid);
  const customer = input.external_userid.map((externalUserid) => {
    const follow = corp.follows[externalUserid]?.[input.handover_userid];
    if (!follow) return { external_userid: externalUserid, errcode: 84061 };
    const busy = corp.transfers.some(
      (t) =>
        t.status === 2 &&
        t.external_userid === externalUserid &&
        t.handover_userid === input.handover_userid,
    );
    if (busy) return { external_userid: externalUserid, errcode: 40100 };
    corp.transfers.push({
      kind,
      handover_userid: input.handover_userid,
      takeover_userid: input.takeover_userid,
      external_userid: externalUserid,
      requestedAt: ctx.now(),
      status: 2,
      takeoverAt: null,
    });
    if (kind === 'resigned') {
      corp.unassigned = corp.unassigned.filter(
        (u) =>
          !(u.handover_userid === input.handover_userid && u.external_userid === externalUserid),
      );
    }
    return { external_userid: externalUserid, errcode: 0 };
  });
  return { customer };
}

function transferResults(
  ctx: SandboxContext,
  corp: Corp,
  kind: Transfer['kind'],
  input: z.infer<typeof resultInput>,
): Record<string, unknown> {
  settleTransfers(ctx, corp);
  const rows = corp.transfers
    .filter((t) => t.kind === kind)
    .filter(
      (t) =>
        t.handover_userid === input.handover_userid && t.takeover_userid === input.takeover_userid,
    )
    .map((t) => ({
      external_userid: t.external_userid,
      status: t.status,
      ...(t.takeoverAt !== null ? { takeover_time: Math.floor(t.takeoverAt / 1000) } : {}),
    }));
  const { page, next_cursor } = paginate(rows, input.cursor, 1000);
  return { customer: page, next_cursor };
}

/** On-job (在职继承) and resigned (离职继承) transfers of customers. */
export function registerTransferRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/transfer_customer`,
    transferInput,
    ({ auth: { corp }, input }) => {
      settleTransfers(ctx, corp);
      const handover = corp.employees[input.handover_userid];
      if (!handover || handover.status === 5) throw new WxError(60111, input.handover_userid);
      return requestTransfers(ctx, corp, 'onjob', input);
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/transfer_result`,
    resultInput,
    ({ auth: { corp }, input }) => transferResults(ctx, corp, 'onjob', input),
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/get_unassigned_list`,
    z.object({
      page_id: z.number().int().min(0).optional(),
      cursor: z.string().optional(),
      page_size: z.number().int().min(1).max(1000).optional(),
    }),
    ({ auth: { corp }, input }) => {
      const size = input.page_size ?? 1000;
      const cursor = input.cursor || (input.page_id ? encodeCursor(input.page_id * size) : '');
      const { page, next_cursor } = paginate(corp.unassigned, cursor, size);
      return { info: page, is_last: next_cursor === '', next_cursor };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/resigned/transfer_customer`,
    transferInput,
    ({ auth: { corp }, input }) => {
      settleTransfers(ctx, corp);
      const handover = corp.employees[input.handover_userid];
      if (!handover) throw new WxError(60111, input.handover_userid);
      if (handover.status !== 5) throw new WxError(40097, input.handover_userid);
      return requestTransfers(ctx, corp, 'resigned', input);
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/resigned/transfer_result`,
    resultInput,
    ({ auth: { corp }, input }) => transferResults(ctx, corp, 'resigned', input),
  );
}
