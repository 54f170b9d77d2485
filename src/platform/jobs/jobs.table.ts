import type { Generated } from 'kysely';

/** One row per job; see job.ts for the statuses and the row ↔ API mapping. */
export interface JobsTable {
  id: string;
  /** Null for platform jobs that belong to no workspace. */
  workspace_id: string | null;
  queue: string;
  /** Idempotency key: enqueueing the same key twice is a no-op. Defaults to the id. */
  key: string;
  /** JSON text. */
  payload: string;
  status: string;
  /** Epoch ms: not claimed before this time (scheduled jobs, retry backoff, journey waits). */
  run_at: number;
  attempts: Generated<number>;
  max_attempts: number;
  /** The process (owner id) that holds the lease while the job runs. */
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

/** Tables owned by the durable job queue. */
export interface JobsTables {
  jobs: JobsTable;
}
