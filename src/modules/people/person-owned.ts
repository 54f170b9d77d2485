import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';

type Db = Kysely<Database>;

export interface MergeStep {
  workspaceId: string;
  winnerId: string;
  loserId: string;
  mergeId: string;
  at: number;
}

export interface UnmergeStep {
  workspaceId: string;
  /** The person coming back to life. */
  loserId: string;
  /** The live person the loser's data sits in now (the winner, or whom it was merged into). */
  rootId: string;
  /** The loser and every person still merged into it: rows whose home is one of these go back. */
  homes: readonly string[];
  mergeId: string;
  /** What `merge` returned for this merge. */
  moved: unknown;
  at: number;
}

export interface ErasureStep {
  workspaceId: string;
  /** The live person and every person merged into it. */
  personIds: readonly string[];
  at: number;
}

/**
 * A table (or any state) another module keeps per person: follows, OA subscriptions, journey
 * instances, orders… Registered with the people module, it moves with every merge and back
 * with every unmerge, is erased with the person and appears in their data export.
 */
export interface PersonOwnedTable {
  /** Unique, e.g. `acquisition.follow`; the key of its record in a merge's `moved.hooks`. */
  name: string;
  /** Moves the loser's rows to the winner; returns what it moved (JSON, kept with the merge). */
  merge(trx: Db, step: MergeStep): Promise<unknown>;
  /** Moves back the rows whose home is in `step.homes` (and whatever `moved` says). */
  unmerge(trx: Db, step: UnmergeStep): Promise<void>;
  /** Removes personal data (keep anonymous facts that aggregates need). */
  erase?(trx: Db, step: ErasureStep): Promise<void>;
  /** Everything this table holds about the person, for their data export (JSON). */
  export?(db: Db, step: ErasureStep): Promise<unknown>;
}

export class PersonOwnedRegistry {
  private readonly tables: PersonOwnedTable[] = [];

  register(table: PersonOwnedTable): void {
    if (this.tables.some((t) => t.name === table.name)) {
      throw new Error(`A person-owned table named "${table.name}" is already registered`);
    }
    this.tables.push(table);
  }

  list(): readonly PersonOwnedTable[] {
    return this.tables;
  }
}

/**
 * The usual case: a table with `workspace_id`, `person_id` (the live owner, moved by merges)
 * and `home_person_id` (who the row was recorded for, never moved). Rows are deleted on
 * erasure unless `erase` says otherwise.
 */
export function homeKeyedTable(options: {
  name: string;
  table: string;
  erase?: PersonOwnedTable['erase'];
}): PersonOwnedTable {
  const table = sql.table(options.table);
  return {
    name: options.name,
    async merge(trx, step) {
      const result = await sql`update ${table} set person_id = ${step.winnerId}
        where workspace_id = ${step.workspaceId} and person_id = ${step.loserId}`.execute(trx);
      return { rows: Number(result.numAffectedRows ?? 0) };
    },
    async unmerge(trx, step) {
      await sql`update ${table} set person_id = ${step.loserId}
        where workspace_id = ${step.workspaceId}
        and home_person_id in (${sql.join([...step.homes])})`.execute(trx);
    },
    erase:
      options.erase ??
      (async (trx, step) => {
        await sql`delete from ${table} where workspace_id = ${step.workspaceId}
          and person_id in (${sql.join([...step.personIds])})`.execute(trx);
      }),
    async export(db, step) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${table}
        where workspace_id = ${step.workspaceId}
        and person_id in (${sql.join([...step.personIds])})`.execute(db);
      return rows;
    },
  };
}
