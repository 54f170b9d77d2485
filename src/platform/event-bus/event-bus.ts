import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../database.js';
import { systemClock, type Clock } from '../clock.js';
import { newId } from '../ids.js';
import { PermanentJobError } from '../jobs/job.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobContext, JobDefinition } from '../jobs/job-registry.js';
import { findEvent, insertNewEvents, type NewDomainEventRow } from './event.store.js';
import type { DomainEventRow } from './event.table.js';

/** What every event carries; the app's catalog narrows `type` and `data`. */
export interface BusEvent {
  readonly type: string;
  readonly dedupKey: string;
  readonly occurredAt: number;
  readonly data: unknown;
}

/** An event as stored and delivered: the published event plus where and when it landed. */
export type PublishedEvent<E extends BusEvent> = E & {
  readonly id: string;
  readonly workspaceId: string;
  readonly source: string;
  readonly receivedAt: number;
};

export type EventHandler<E extends BusEvent> = (
  event: PublishedEvent<E>,
  ctx: JobContext,
) => Promise<void>;

/** Job settings of one subscriber's deliveries (see JobDefinition). */
export interface SubscriberOptions {
  maxAttempts?: number;
  timeoutMs?: number;
  backoff?: JobDefinition<unknown>['backoff'];
  /**
   * Deliver at once in the publishing process after commit (deadlines such as the 20-second
   * welcome code). The publisher must then publish inside `jobs.transaction`.
   */
  immediate?: boolean;
}

/** What a subscription is given when it is made; `accepts` is typed by the subscribed types. */
export interface SubscribeOptions<E extends BusEvent> extends SubscriberOptions {
  /**
   * Events the handler would ignore (decided from the event alone) get no delivery job at
   * all: bulk writers (an import tagging 100,000 customers) then enqueue nothing for it.
   */
  accepts?: (event: E) => boolean;
}

export interface PublishOptions {
  /** The producer, stored with the event: `wecom`, `oa`, `miniprogram`; default `siyu`. */
  source?: string;
  /** When the events reached Siyu (epoch ms), if before now: e.g. a stored callback's arrival. */
  receivedAt?: number;
}

export interface EventBusOptions<E extends BusEvent> {
  db: Kysely<Database>;
  jobs: JobQueue;
  clock?: Clock;
  /** Validates each stored event before delivery, so handlers get the typed event. */
  schema?: z.ZodType<E>;
}

interface Subscriber {
  name: string;
  queue: string;
  types: ReadonlySet<string> | '*';
  immediate: boolean;
  accepts: (event: BusEvent) => boolean;
}

const subscriberNamePattern = /^[a-z][a-z0-9_.-]{0,62}$/;
const deliveryPayload = z.object({ eventId: z.string() });

/** The job queue that delivers events to one subscriber. */
export const deliveryQueue = (subscriber: string) => `event.${subscriber}`;

/** The idempotency key of one delivery: one job per (event, subscriber), ever. */
export const deliveryKey = (eventId: string, subscriber: string) =>
  `event:${eventId}:${subscriber}`;

/**
 * Domain events, stored and delivered through the durable job queue.
 *
 * `publish(trx, …)` inserts the events in the caller's transaction and enqueues one job per
 * (event, subscriber) in that same transaction: events and deliveries commit or vanish
 * together. An event whose dedup key the workspace already has is skipped, and so are its
 * deliveries. Each subscriber has its own queue (`event.<name>`) and each delivery its own
 * job (`event:<eventId>:<name>`), so a failing subscriber retries alone and never re-runs
 * the others; handlers should still be idempotent (a job may run again after a crash).
 *
 * Subscriptions are made while the app is built. Deliveries are decided at publish time: a
 * subscriber added later receives only events published after it was added, never old ones.
 */
export class EventBus<E extends BusEvent = BusEvent> {
  private readonly subscribers: Subscriber[] = [];
  private readonly db: Kysely<Database>;
  private readonly jobs: JobQueue;
  private readonly clock: Clock;
  private readonly schema: z.ZodType<E> | undefined;

  constructor(options: EventBusOptions<E>) {
    this.db = options.db;
    this.jobs = options.jobs;
    this.clock = options.clock ?? systemClock;
    this.schema = options.schema;
  }

  /** Subscribes `name` (unique, e.g. `people.contacts`) to one type, several, or `*`. */
  subscribe<T extends E['type']>(
    types: T | readonly T[] | '*',
    name: string,
    handler: EventHandler<Extract<E, { type: T }>>,
    options: SubscribeOptions<Extract<E, { type: T }>> = {},
  ): void {
    if (!subscriberNamePattern.test(name)) {
      throw new Error(`Subscriber name "${name}" must match ${subscriberNamePattern.source}`);
    }
    if (this.subscribers.some((s) => s.name === name)) {
      throw new Error(`An event subscriber named "${name}" is already registered`);
    }
    const queue = deliveryQueue(name);
    this.jobs.registry.register(queue, {
      schema: deliveryPayload,
      maxAttempts: options.maxAttempts,
      timeoutMs: options.timeoutMs,
      backoff: options.backoff,
      handler: async ({ eventId }, ctx) => {
        const event = await this.load(eventId);
        await handler(event as PublishedEvent<Extract<E, { type: T }>>, ctx);
      },
    });
    this.subscribers.push({
      name,
      queue,
      types: types === '*' ? '*' : new Set<string>(typeof types === 'string' ? [types] : types),
      immediate: options.immediate === true,
      // Only events of the subscribed types reach it (subscribersOf matches the type first).
      accepts: (options.accepts ?? (() => true)) as (event: BusEvent) => boolean,
    });
  }

  /**
   * Stores the events and enqueues their deliveries in `trx`. Returns the events this call
   * stored (duplicates left out).
   */
  async publish(
    trx: Kysely<Database>,
    workspaceId: string,
    events: readonly E[],
    options: PublishOptions = {},
  ): Promise<PublishedEvent<E>[]> {
    const receivedAt = options.receivedAt ?? this.clock.now();
    const source = options.source ?? 'siyu';
    const rows: NewDomainEventRow[] = events.map((event) => ({
      id: newId(receivedAt),
      workspace_id: workspaceId,
      type: event.type,
      source,
      dedup_key: event.dedupKey,
      data: JSON.stringify(event.data),
      occurred_at: event.occurredAt,
      received_at: receivedAt,
    }));
    const stored = new Set((await insertNewEvents(trx, rows)).map((row) => row.id));
    const published = events.flatMap((event, i) => {
      const id = rows[i]!.id;
      return stored.has(id) ? [{ ...event, id, workspaceId, source, receivedAt }] : [];
    });
    const deliveries = published.flatMap((event) =>
      this.subscribersOf(event.type)
        .filter((subscriber) => subscriber.accepts(event))
        .map((subscriber) => ({
          queue: subscriber.queue,
          key: deliveryKey(event.id, subscriber.name),
          payload: { eventId: event.id },
          workspaceId,
          immediate: subscriber.immediate,
        })),
    );
    if (deliveries.length > 0) await this.jobs.enqueueMany(trx, deliveries);
    return published;
  }

  /** Names of the subscribers an event of this type is delivered to. */
  subscriberNames(type: string): string[] {
    return this.subscribersOf(type).map((s) => s.name);
  }

  private subscribersOf(type: string): Subscriber[] {
    return this.subscribers.filter((s) => s.types === '*' || s.types.has(type));
  }

  private async load(eventId: string): Promise<PublishedEvent<E>> {
    const row = await findEvent(this.db, eventId);
    if (!row) throw new PermanentJobError(`Domain event ${eventId} does not exist`);
    return this.toPublished(row);
  }

  private toPublished(row: DomainEventRow): PublishedEvent<E> {
    const candidate = {
      type: row.type,
      dedupKey: row.dedup_key,
      occurredAt: row.occurred_at,
      data: JSON.parse(row.data) as unknown,
    };
    let event: E;
    if (this.schema) {
      const parsed = this.schema.safeParse(candidate);
      if (!parsed.success) {
        throw new PermanentJobError(
          `Domain event ${row.id} (${row.type}) does not match the catalog: ${parsed.error.message}`,
        );
      }
      event = parsed.data;
    } else {
      event = candidate as unknown as E;
    }
    return {
      ...event,
      id: row.id,
      workspaceId: row.workspace_id,
      source: row.source,
      receivedAt: row.received_at,
    };
  }
}
