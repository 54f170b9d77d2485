import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { isWechatApiError } from '../../channels/shared/api-errors.js';
import type { Database } from '../../database.js';
import { PermanentJobError } from '../../platform/jobs/job.js';
import type { PeopleContext } from './people.context.js';

/** A job that fetches what an event left out from WeChat, and applies it. */
export interface EventFetchDefinition<P> {
  queue: string;
  payload: z.ZodType<P>;
  /** What is fetched, for the error of a job without a workspace. */
  what: string;
  run(ctx: PeopleContext, workspaceId: string, payload: P): Promise<void>;
}

export interface EventFetch<P> {
  /**
   * Enqueues the fetch, once per `reason`: the id of the event that calls for it (a
   * redelivered event enqueues nothing).
   */
  enqueue(
    trx: Kysely<Database>,
    ctx: PeopleContext,
    workspaceId: string,
    input: P & { reason: string },
  ): Promise<void>;
  register(ctx: PeopleContext): void;
}

export function eventFetch<P extends object>(definition: EventFetchDefinition<P>): EventFetch<P> {
  const { queue, payload: schema, what, run } = definition;
  return {
    enqueue: async (trx, ctx, workspaceId, { reason, ...payload }) => {
      await ctx.jobs.enqueue(trx, { queue, key: `${queue}:${reason}`, payload, workspaceId });
    },
    register: (ctx) => {
      ctx.jobs.registry.register(queue, {
        schema,
        maxAttempts: 8,
        handler: async (payload, job) => {
          if (!job.workspaceId) throw new PermanentJobError(`${what} without a workspace`);
          await run(ctx, job.workspaceId, payload);
        },
      });
    },
  };
}

/**
 * A WeChat call in a job: an error that retrying cannot fix fails the job at once. With
 * `notFound: 'undefined'`, an object WeChat does not know (any more) reads as undefined.
 */
export async function callWechat<T>(call: () => Promise<T>): Promise<T>;
export async function callWechat<T>(
  call: () => Promise<T>,
  options: { notFound: 'undefined' },
): Promise<T | undefined>;
export async function callWechat<T>(
  call: () => Promise<T>,
  options?: { notFound: 'undefined' },
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (options && isWechatApiError(error, 'not_found')) return undefined;
    if (isWechatApiError(error) && !error.retryable) {
      throw new PermanentJobError(error.message, { cause: error });
    }
    throw error;
  }
}
