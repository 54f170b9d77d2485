import type { z } from 'zod';
import { exponentialBackoff, type Backoff } from './backoff.js';

export interface JobContext {
  id: string;
  queue: string;
  key: string;
  workspaceId: string | null;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the job times out or shutdown gives up waiting for it; stop work then. */
  signal: AbortSignal;
}

export interface JobDefinition<P> {
  /** Validates the payload at enqueue time and again before the handler runs. */
  schema?: z.ZodType<P>;
  /**
   * Resolve to succeed. Throw PermanentJobError to fail without retrying, RetryJobError to
   * retry after a given delay; any other error retries with `backoff` until `maxAttempts`.
   */
  handler: (payload: P, ctx: JobContext) => Promise<void>;
  /** Default for jobs of this queue (enqueue may override). Default 10. */
  maxAttempts?: number;
  backoff?: Backoff;
  /** Counted as a failed attempt when exceeded. Default 60 s. */
  timeoutMs?: number;
}

export interface RegisteredJob {
  queue: string;
  schema: z.ZodType | undefined;
  handler: (payload: unknown, ctx: JobContext) => Promise<void>;
  maxAttempts: number;
  backoff: Backoff;
  timeoutMs: number;
}

export const defaultMaxAttempts = 10;
const defaultBackoff = exponentialBackoff();
const defaultTimeoutMs = 60_000;

/** Handlers by queue name; modules register theirs when the app is built. */
export class JobRegistry {
  private readonly jobs = new Map<string, RegisteredJob>();

  register<P>(queue: string, definition: JobDefinition<P>): void {
    if (this.jobs.has(queue))
      throw new Error(`A handler for job queue "${queue}" is already registered`);
    this.jobs.set(queue, {
      queue,
      schema: definition.schema,
      handler: definition.handler as RegisteredJob['handler'],
      maxAttempts: definition.maxAttempts ?? defaultMaxAttempts,
      backoff: definition.backoff ?? defaultBackoff,
      timeoutMs: definition.timeoutMs ?? defaultTimeoutMs,
    });
  }

  get(queue: string): RegisteredJob | undefined {
    return this.jobs.get(queue);
  }

  queues(): string[] {
    return [...this.jobs.keys()];
  }
}
