import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../database.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import type { EmployeesContext } from './employees.context.js';

export const directorySyncQueue = 'employees.directory_sync';
/** How often each connected workspace's directory is read again in full. */
export const directorySyncIntervalMs = 6 * 60 * 60 * 1000;

/** The start of the next sync slot after `now` (slots are aligned to the interval). */
export const nextSyncSlot = (now: number) => Math.floor(now / directorySyncIntervalMs) + 1;

/**
 * Enqueues the workspace's sync for the next slot. The key names the workspace and the slot,
 * so every caller (module start, each sync, each process) enqueues it once.
 */
export async function scheduleDirectorySync(
  db: Kysely<Database>,
  jobs: JobQueue,
  workspaceId: string,
  now: number,
): Promise<void> {
  const slot = nextSyncSlot(now);
  await jobs.enqueue(db, {
    queue: directorySyncQueue,
    key: `${directorySyncQueue}:${workspaceId}:${slot}`,
    payload: { workspaceId },
    runAt: slot * directorySyncIntervalMs,
    workspaceId,
  });
}

/**
 * The periodic re-sync: each run schedules the next slot first (a failing sync does not
 * break the chain), then syncs. A workspace without a WeCom connection any more ends it.
 */
export function registerDirectorySyncJob(
  ctx: EmployeesContext & { jobs: JobQueue },
  sync: (workspaceId: string) => Promise<unknown>,
): void {
  ctx.jobs.registry.register(directorySyncQueue, {
    schema: z.object({ workspaceId: z.string() }),
    maxAttempts: 3,
    timeoutMs: 10 * 60 * 1000,
    handler: async ({ workspaceId }) => {
      if (!(await ctx.clients.wecom(workspaceId))) return;
      await scheduleDirectorySync(ctx.db, ctx.jobs, workspaceId, ctx.clock.now());
      await sync(workspaceId);
    },
  });
}

/** Schedules the periodic sync of every workspace that has an active WeCom connection. */
export async function scheduleConnectedWorkspaces(
  ctx: EmployeesContext & { jobs: JobQueue },
): Promise<void> {
  // The connections module has no cross-workspace listing; this read is the one exception.
  const rows = await ctx.db
    .selectFrom('connection')
    .select('workspace_id')
    .where('kind', '=', 'wecom')
    .where('status', '=', 'active')
    .execute();
  const now = ctx.clock.now();
  for (const { workspace_id } of rows)
    await scheduleDirectorySync(ctx.db, ctx.jobs, workspace_id, now);
}
