import { AppError } from '../../platform/http/errors.js';
import type { SandboxContext } from '../core/context.js';
import { deleteUserXml, pushWecom } from '../pusher/wecom-events.js';
import type { Corp } from '../state/corp.js';
import type { Delivery } from '../state/platform.js';

/**
 * The employee leaves the company (change_contact delete_user): their customers become
 * "unassigned" (get_unassigned_list) until a resigned transfer, their groups wait for a new owner.
 */
export function employeeLeaves(ctx: SandboxContext, corp: Corp, userid: string): Delivery {
  const employee = corp.employees[userid];
  if (!employee || employee.status === 5)
    throw new AppError('not_found', `employee ${userid} not found`);
  employee.status = 5;
  employee.resignedAt = ctx.now();
  for (const [externalUserid, byUser] of Object.entries(corp.follows)) {
    if (byUser[userid]) {
      corp.unassigned.push({
        handover_userid: userid,
        external_userid: externalUserid,
        dimission_time: ctx.seconds(),
      });
    }
  }
  for (const group of Object.values(corp.groups))
    if (group.owner === userid && !group.dismissed) group.status = 1;
  ctx.changed();
  return pushWecom(
    ctx,
    corp,
    'change_contact/delete_user',
    deleteUserXml(corp, ctx.seconds(), userid),
  );
}
