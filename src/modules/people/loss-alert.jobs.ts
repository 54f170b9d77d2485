import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isWechatApiError } from '../../channels/shared/api-errors.js';
import type { Database } from '../../database.js';
import { PermanentJobError } from '../../platform/jobs/job.js';
import { findConnectionByApp } from '../connections/connection.store.js';
import { findLossAlert } from './loss-alert.store.js';
import type { PeopleContext } from './people.context.js';

const queue = 'people.loss_alert_notice';

/** The app message an employee receives when a customer deletes them. */
export const lossAlertText = (name: string | null) =>
  `客户「${name ?? '未知客户'}」已将你删除（流失提醒）`;

/** Enqueues the app message telling the employee about the alert (once per alert). */
export async function enqueueLossAlertNotice(
  trx: Kysely<Database>,
  ctx: PeopleContext,
  workspaceId: string,
  alertId: string,
): Promise<void> {
  await ctx.jobs.enqueue(trx, {
    queue,
    key: `${queue}:${alertId}`,
    payload: { alertId },
    workspaceId,
  });
}

/**
 * Sends loss alerts to their employees as WeCom app messages (text, Chinese). Skipped when
 * the workspace's WeCom connection has no app agent id (nothing can send), or the alert was
 * handled meanwhile; WeChat errors that retrying cannot fix fail the job at once.
 */
export function registerLossAlertJobs(ctx: PeopleContext): void {
  ctx.jobs.registry.register(queue, {
    schema: z.object({ alertId: z.string() }),
    maxAttempts: 5,
    handler: async ({ alertId }, job) => {
      const workspaceId = job.workspaceId;
      if (!workspaceId) throw new PermanentJobError('loss alert notice without a workspace');
      const alert = await findLossAlert(ctx.db, workspaceId, alertId);
      if (!alert || alert.status !== 'open') return;
      const connection = await findConnectionByApp(ctx.db, workspaceId, 'wecom', alert.corp_id);
      if (connection?.status !== 'active' || connection.agent_id === null) return;
      const client = await ctx.clients.wecom(workspaceId);
      if (!client) return;
      try {
        await client.appMessages.send({
          toUserIds: [alert.employee_user_id],
          content: { type: 'text', text: lossAlertText(alert.person_name) },
        });
      } catch (error) {
        if (isWechatApiError(error) && !error.retryable) {
          throw new PermanentJobError(error.message, { cause: error });
        }
        throw error;
      }
    },
  });
}
