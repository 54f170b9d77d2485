import type { Selectable } from 'kysely';
import type { JobsTable } from './jobs.table.js';

export const jobStatuses = ['pending', 'running', 'succeeded', 'dead', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export type JobRow = Selectable<JobsTable>;

export interface Job {
  id: string;
  workspaceId: string | null;
  queue: string;
  key: string;
  payload: unknown;
  status: JobStatus;
  runAt: number;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export function jobRowToJob(row: JobRow): Job {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    queue: row.queue,
    key: row.key,
    payload: JSON.parse(row.payload) as unknown,
    status: row.status as JobStatus,
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** Thrown by a handler: the job cannot succeed by retrying; it becomes dead at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/** Thrown by a handler: retry after `afterMs` instead of the backoff (still counts as an attempt). */
export class RetryJobError extends Error {
  constructor(
    message: string,
    readonly afterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RetryJobError';
  }
}

const maxErrorLength = 4000;

/** Message and stack, truncated, as stored in `last_error`. */
export function describeError(error: unknown): string {
  const text =
    error instanceof Error
      ? (error.stack ?? `${error.name}: ${error.message}`)
      : `Non-error thrown: ${String(error)}`;
  return text.length > maxErrorLength ? `${text.slice(0, maxErrorLength - 1)}…` : text;
}
