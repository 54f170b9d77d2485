import type { Selectable } from 'kysely';

/**
 * One row per domain event: what happened (type, data), where it came from (source), and the
 * key that makes a re-delivered fact collapse into the row already there.
 */
export interface DomainEventTable {
  id: string;
  workspace_id: string;
  type: string;
  /** The producer: `wecom`, `oa`, `miniprogram`, `siyu` (events the product raises itself). */
  source: string;
  /** Unique per workspace: publishing the same key again is a no-op. */
  dedup_key: string;
  /** JSON text: the event's `data`. */
  data: string;
  /** Epoch ms, when it happened on the platform. */
  occurred_at: number;
  /** Epoch ms, when Siyu stored it. */
  received_at: number;
}

/** Tables owned by the event bus. */
export interface EventBusTables {
  domain_event: DomainEventTable;
}

export type DomainEventRow = Selectable<DomainEventTable>;
