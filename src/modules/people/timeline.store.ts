import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { insertMany, type BulkColumns } from '../../platform/db/bulk-insert.js';
import type { PersonEventRow, PersonEventTable } from './timeline.table.js';

type Db = Kysely<Database>;

/** One event on a person's timeline. */
export interface PersonEvent {
  id: string;
  workspaceId: string;
  /** The live person it belongs to. */
  personId: string;
  /** The person it was recorded for (differs from personId after a merge). */
  homePersonId: string;
  type: string;
  source: string;
  properties: Record<string, unknown>;
  occurredAt: number;
  recordedAt: number;
  dedupKey: string;
}

/** Newest first: continue after the last event of the previous page. */
export interface TimelineCursor {
  occurredAt: number;
  id: string;
}

export interface TimelineQuery {
  before?: TimelineCursor | undefined;
  limit: number;
  types?: readonly string[] | undefined;
}

export interface CountQuery {
  personId?: string | undefined;
  types?: readonly string[] | undefined;
  /** Epoch ms, inclusive. */
  from?: number | undefined;
  /** Epoch ms, exclusive. */
  to?: number | undefined;
}

/**
 * The event store behind the timeline, the input of segments, journeys and attribution.
 * Writes take the caller's transaction (events commit with the state that caused them);
 * reads use the store's own connection, so an adapter on ClickHouse can replace this one
 * (writes then go through an outbox) without touching callers.
 */
export interface TimelineStore {
  /** Stores events; an event whose dedup key the workspace already has is skipped. Returns ids stored. */
  append(trx: Db, events: readonly PersonEvent[]): Promise<string[]>;
  listForPerson(
    workspaceId: string,
    personId: string,
    query: TimelineQuery,
  ): Promise<PersonEvent[]>;
  countByType(workspaceId: string, query?: CountQuery): Promise<Record<string, number>>;
  /** A merge: every event of `fromPersonId` now belongs to `toPersonId`. */
  reassignPerson(
    trx: Db,
    workspaceId: string,
    fromPersonId: string,
    toPersonId: string,
  ): Promise<number>;
  /** An unmerge: events recorded for these homes go back to `toPersonId`. */
  reassignHomes(
    trx: Db,
    workspaceId: string,
    homePersonIds: readonly string[],
    toPersonId: string,
  ): Promise<number>;
  /** Erasure: rewrites the properties of every event of these persons (types and times stay). */
  redact(
    trx: Db,
    workspaceId: string,
    personIds: readonly string[],
    redactProperties: (event: PersonEvent) => Record<string, unknown>,
  ): Promise<number>;
}

export function personEventRowToEvent(row: PersonEventRow): PersonEvent {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    personId: row.person_id,
    homePersonId: row.home_person_id,
    type: row.type,
    source: row.source,
    properties: JSON.parse(row.properties) as Record<string, unknown>,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    dedupKey: row.dedup_key,
  };
}

const personEventColumns: BulkColumns<PersonEventTable> = {
  id: 'text',
  workspace_id: 'text',
  person_id: 'text',
  home_person_id: 'text',
  type: 'text',
  source: 'text',
  properties: 'text',
  occurred_at: 'bigint',
  recorded_at: 'bigint',
  dedup_key: 'text',
};

/** The timeline on the SQL database (SQLite or PostgreSQL). */
export class SqlTimelineStore implements TimelineStore {
  constructor(private readonly db: Db) {}

  async append(trx: Db, events: readonly PersonEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const inserted = await insertMany(
      trx,
      'person_event',
      personEventColumns,
      events.map((e) => ({
        id: e.id,
        workspace_id: e.workspaceId,
        person_id: e.personId,
        home_person_id: e.homePersonId,
        type: e.type,
        source: e.source,
        properties: JSON.stringify(e.properties),
        occurred_at: e.occurredAt,
        recorded_at: e.recordedAt,
        dedup_key: e.dedupKey,
      })),
    )
      .onConflict((oc) => oc.columns(['workspace_id', 'dedup_key']).doNothing())
      .returning('id')
      .execute();
    return inserted.map((r) => r.id);
  }

  async listForPerson(
    workspaceId: string,
    personId: string,
    query: TimelineQuery,
  ): Promise<PersonEvent[]> {
    let q = this.db
      .selectFrom('person_event')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('person_id', '=', personId)
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit);
    if (query.types && query.types.length > 0) q = q.where('type', 'in', [...query.types]);
    const before = query.before;
    if (before) {
      q = q.where((eb) =>
        eb.or([
          eb('occurred_at', '<', before.occurredAt),
          eb.and([eb('occurred_at', '=', before.occurredAt), eb('id', '<', before.id)]),
        ]),
      );
    }
    return (await q.execute()).map(personEventRowToEvent);
  }

  async countByType(workspaceId: string, query: CountQuery = {}): Promise<Record<string, number>> {
    let q = this.db
      .selectFrom('person_event')
      .select(['type', (eb) => eb.fn.countAll<number>().as('count')])
      .where('workspace_id', '=', workspaceId)
      .groupBy('type');
    if (query.personId !== undefined) q = q.where('person_id', '=', query.personId);
    if (query.types && query.types.length > 0) q = q.where('type', 'in', [...query.types]);
    if (query.from !== undefined) q = q.where('occurred_at', '>=', query.from);
    if (query.to !== undefined) q = q.where('occurred_at', '<', query.to);
    const rows = await q.execute();
    return Object.fromEntries(rows.map((r) => [r.type, Number(r.count)]));
  }

  async reassignPerson(
    trx: Db,
    workspaceId: string,
    fromPersonId: string,
    toPersonId: string,
  ): Promise<number> {
    const result = await trx
      .updateTable('person_event')
      .set({ person_id: toPersonId })
      .where('workspace_id', '=', workspaceId)
      .where('person_id', '=', fromPersonId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async reassignHomes(
    trx: Db,
    workspaceId: string,
    homePersonIds: readonly string[],
    toPersonId: string,
  ): Promise<number> {
    if (homePersonIds.length === 0) return 0;
    const result = await trx
      .updateTable('person_event')
      .set({ person_id: toPersonId })
      .where('workspace_id', '=', workspaceId)
      .where('home_person_id', 'in', [...homePersonIds])
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async redact(
    trx: Db,
    workspaceId: string,
    personIds: readonly string[],
    redactProperties: (event: PersonEvent) => Record<string, unknown>,
  ): Promise<number> {
    if (personIds.length === 0) return 0;
    let changed = 0;
    let after = '';
    for (;;) {
      const rows = await trx
        .selectFrom('person_event')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('person_id', 'in', [...personIds])
        .where('id', '>', after)
        .orderBy('id')
        .limit(500)
        .execute();
      if (rows.length === 0) return changed;
      for (const row of rows) {
        const properties = JSON.stringify(redactProperties(personEventRowToEvent(row)));
        if (properties === row.properties) continue;
        await trx
          .updateTable('person_event')
          .set({ properties })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', row.id)
          .execute();
        changed++;
      }
      after = rows[rows.length - 1]!.id;
    }
  }
}
