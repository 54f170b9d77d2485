import { newId } from '../ids.js';
import type { EnqueueOptions } from './job-queue.js';
import { defaultMaxAttempts, type RegisteredJob } from './job-registry.js';
import type { NewJobRow } from './jobs.store.js';

/** Who takes a job at once (an immediate job is inserted already claimed). */
export interface JobClaim {
  owner: string;
  leaseMs: number;
}

/**
 * The `jobs` row for an enqueue at `now`: its payload checked by the queue's schema when the
 * queue is registered here. Also used where jobs are written without a JobQueue (the callback
 * thread's own connection), so both write identical rows.
 */
export function newJobRow(
  job: EnqueueOptions,
  now: number,
  definition: Pick<RegisteredJob, 'schema' | 'maxAttempts'> | undefined,
  claim?: JobClaim,
): NewJobRow {
  const payload = definition?.schema ? definition.schema.parse(job.payload) : job.payload;
  const runAt = job.runAt ?? now;
  const id = newId(now);
  const claimNow = job.immediate === true && runAt <= now && definition !== undefined && !!claim;
  return {
    id,
    workspace_id: job.workspaceId ?? null,
    queue: job.queue,
    key: job.key ?? id,
    payload: JSON.stringify(payload),
    status: claimNow ? 'running' : 'pending',
    run_at: runAt,
    attempts: claimNow ? 1 : 0,
    max_attempts: job.maxAttempts ?? definition?.maxAttempts ?? defaultMaxAttempts,
    locked_by: claimNow ? claim.owner : null,
    locked_until: claimNow ? now + claim.leaseMs : null,
    last_error: null,
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
}
