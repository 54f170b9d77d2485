import type { SandboxContext } from '../core/context.js';
import { pushWecom, externalContactXml } from '../pusher/wecom-events.js';
import { addWays } from '../state/contacts.js';
import type { Corp } from '../state/corp.js';
import { removeKey } from '../state/records.js';

/**
 * Transfers take effect after a delay (24 h): the customer moves to the takeover employee and
 * the handover employee's side receives del_external_contact with Source DELETE_BY_TRANSFER.
 * Settled lazily, whenever transfer state is read.
 */
export function settleTransfers(ctx: SandboxContext, corp: Corp): void {
  const now = ctx.now();
  for (const transfer of corp.transfers) {
    if (transfer.status !== 2 || now - transfer.requestedAt < ctx.state.rules.transferDelayMs)
      continue;
    const byUser = corp.follows[transfer.external_userid];
    const old = byUser?.[transfer.handover_userid];
    transfer.status = 1;
    transfer.takeoverAt = transfer.requestedAt + ctx.state.rules.transferDelayMs;
    if (!byUser || !old) continue;
    removeKey(byUser, transfer.handover_userid);
    byUser[transfer.takeover_userid] ??= {
      ...old,
      userid: transfer.takeover_userid,
      createtime: Math.floor(transfer.takeoverAt / 1000),
      add_way: addWays.assignedByAdmin,
      oper_userid: transfer.takeover_userid,
    };
    pushWecom(
      ctx,
      corp,
      'change_external_contact/del_external_contact',
      externalContactXml(corp, ctx.seconds(), {
        changeType: 'del_external_contact',
        userid: transfer.handover_userid,
        externalUserid: transfer.external_userid,
        source: 'DELETE_BY_TRANSFER',
      }),
    );
  }
}
