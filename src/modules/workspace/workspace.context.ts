import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { Clock } from '../../platform/clock.js';

/** What the module's services need: the database and the clock. */
export interface WorkspaceContext {
  db: Kysely<Database>;
  clock: Clock;
}

/** The request facts an audit entry keeps. */
export interface RequestInfo {
  ip: string;
  id: string;
}

/** True when an insert failed on a unique constraint (PostgreSQL or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * Serializes membership changes of one workspace (PostgreSQL row lock), so two concurrent
 * requests cannot both demote "the other" last owner. SQLite already has a single writer.
 */
export async function lockWorkspace(trx: Kysely<Database>, workspaceId: string): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select id from workspace where id = ${workspaceId} for update`.execute(trx);
}
