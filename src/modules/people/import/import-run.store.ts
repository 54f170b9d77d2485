import type { Kysely } from 'kysely';
import type { Database } from '../../../database.js';
import {
  activeImportStatuses,
  type ImportPhase,
  type ImportRunRow,
  type ImportRunStatus,
  type NewImportRunRow,
} from './import-run.table.js';
import type { ImportCounts, ImportCursor } from './import-run.state.js';

export async function findImportRun(
  db: Kysely<Database>,
  workspaceId: string,
  runId: string,
): Promise<ImportRunRow | undefined> {
  return db
    .selectFrom('import_run')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', runId)
    .executeTakeFirst();
}

export async function findActiveImportRun(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<ImportRunRow | undefined> {
  return db
    .selectFrom('import_run')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('active_key', '=', workspaceId)
    .executeTakeFirst();
}

export async function listImportRuns(
  db: Kysely<Database>,
  workspaceId: string,
  limit: number,
): Promise<ImportRunRow[]> {
  return db
    .selectFrom('import_run')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Inserts the run unless the workspace already has an active one; true when inserted. */
export async function insertImportRun(
  db: Kysely<Database>,
  row: NewImportRunRow,
): Promise<boolean> {
  const inserted = await db
    .insertInto('import_run')
    .values(row)
    .onConflict((oc) => oc.column('active_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export interface ImportRunAdvance {
  phase: ImportPhase;
  status: ImportRunStatus;
  cursor: ImportCursor;
  counts: ImportCounts;
  lastError?: string | null;
  now: number;
}

/**
 * Moves an active run from `step` to `step + 1` with its new phase, cursor and counts;
 * false when the run is no longer at `step` or no longer active (another worker did the
 * step, or it was cancelled), so the caller rolls back what it wrote.
 */
export async function advanceImportRun(
  db: Kysely<Database>,
  run: Pick<ImportRunRow, 'id' | 'workspace_id' | 'step'>,
  next: ImportRunAdvance,
): Promise<boolean> {
  const finished = !activeImportStatuses.includes(next.status);
  const result = await db
    .updateTable('import_run')
    .set({
      step: run.step + 1,
      phase: next.phase,
      status: next.status,
      cursor: JSON.stringify(next.cursor),
      counts: JSON.stringify(next.counts),
      ...(next.lastError === undefined ? {} : { last_error: next.lastError }),
      active_key: finished ? null : run.workspace_id,
      updated_at: next.now,
      finished_at: finished ? next.now : null,
    })
    .where('workspace_id', '=', run.workspace_id)
    .where('id', '=', run.id)
    .where('step', '=', run.step)
    .where('status', 'in', activeImportStatuses)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records a failed attempt on an active run (its error and the errors count). */
export async function recordImportError(
  db: Kysely<Database>,
  run: Pick<ImportRunRow, 'id' | 'workspace_id'>,
  error: string,
  now: number,
): Promise<void> {
  const row = await findImportRun(db, run.workspace_id, run.id);
  if (!row || !activeImportStatuses.includes(row.status)) return;
  const counts = JSON.parse(row.counts) as ImportCounts;
  await db
    .updateTable('import_run')
    .set({
      last_error: error,
      counts: JSON.stringify({ ...counts, errors: counts.errors + 1 }),
      updated_at: now,
    })
    .where('workspace_id', '=', run.workspace_id)
    .where('id', '=', run.id)
    .where('status', 'in', activeImportStatuses)
    .execute();
}

/** Ends an active run as failed or cancelled; false when it was not active. */
export async function finishImportRun(
  db: Kysely<Database>,
  run: Pick<ImportRunRow, 'id' | 'workspace_id'>,
  status: 'failed' | 'cancelled',
  now: number,
  lastError?: string,
): Promise<boolean> {
  const result = await db
    .updateTable('import_run')
    .set({
      status,
      active_key: null,
      finished_at: now,
      updated_at: now,
      ...(lastError === undefined ? {} : { last_error: lastError }),
    })
    .where('workspace_id', '=', run.workspace_id)
    .where('id', '=', run.id)
    .where('status', 'in', activeImportStatuses)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
