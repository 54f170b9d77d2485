import type { Kysely } from 'kysely';
import type { Database } from '../../../database.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids.js';
import type { Acting } from '../../workspace/actor.js';
import { recordAudit } from '../../workspace/audit.js';
import { auditActor } from '../acting.js';
import { importRunRowToImportRun } from './import-run.mapping.js';
import type { ImportRun } from './import-run.schemas.js';
import { initialCursor, zeroCounts } from './import-run.state.js';
import {
  findActiveImportRun,
  findImportRun,
  finishImportRun,
  insertImportRun,
  listImportRuns,
} from './import-run.store.js';
import type { ImportRunRow, NewImportRunRow } from './import-run.table.js';
import { enqueueImportStep } from './import.jobs.js';
import type { ImportDeps } from './import.sources.js';

type ServiceDeps = Pick<ImportDeps, 'db' | 'clock' | 'jobs' | 'clients'>;

const toApi = (deps: Pick<ImportDeps, 'clock'>, row: ImportRunRow) =>
  importRunRowToImportRun(row, deps.clock.now());

/**
 * Starts the workspace's WeCom import, or answers with the run already going (one active
 * run per workspace): employees, corp tags, then every customer of every customer-contact
 * employee. `created` says which.
 */
export async function startWecomImport(
  deps: ServiceDeps,
  acting: Acting,
): Promise<{ run: ImportRun; created: boolean }> {
  const workspaceId = acting.workspaceId;
  const active = await findActiveImportRun(deps.db, workspaceId);
  if (active) return { run: toApi(deps, active), created: false };
  await deps.clients.requireWecom(workspaceId);
  const now = deps.clock.now();
  const row: NewImportRunRow = {
    id: newId(now),
    workspace_id: workspaceId,
    source: 'wecom',
    status: 'queued',
    phase: 'employees',
    step: 0,
    cursor: JSON.stringify(initialCursor()),
    counts: JSON.stringify(zeroCounts()),
    last_error: null,
    started_by: auditActor(acting).label,
    active_key: workspaceId,
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
  const created = await deps.jobs.transaction(async (trx) => {
    if (!(await insertImportRun(trx, row))) return false;
    await enqueueImportStep(deps, trx, { workspaceId, runId: row.id, step: 0 });
    await recordAudit(trx, {
      workspaceId,
      actor: acting.actor,
      action: 'import.started',
      entityType: 'import_run',
      entityId: row.id,
      after: { source: 'wecom' },
      request: acting.request,
      at: now,
    });
    return true;
  });
  // Another request started one between our look and our insert: that one is the run.
  const run = created
    ? await findImportRun(deps.db, workspaceId, row.id)
    : await findActiveImportRun(deps.db, workspaceId);
  if (!run) throw new AppError('conflict', 'The import finished while it was being started');
  return { run: toApi(deps, run), created };
}

export async function getImportRun(
  deps: Pick<ImportDeps, 'db' | 'clock'>,
  workspaceId: string,
  runId: string,
): Promise<ImportRun> {
  const row = await findImportRun(deps.db, workspaceId, runId);
  if (!row) throw notFound('Import');
  return toApi(deps, row);
}

/** Recent runs, newest first. */
export async function listRecentImportRuns(
  deps: Pick<ImportDeps, 'db' | 'clock'>,
  workspaceId: string,
  limit = 20,
): Promise<ImportRun[]> {
  const rows = await listImportRuns(deps.db, workspaceId, limit);
  return rows.map((row) => toApi(deps, row));
}

/** Stops a queued or running import; what it imported stays. 409 when it already ended. */
export async function cancelImportRun(
  deps: Pick<ImportDeps, 'db' | 'clock'>,
  acting: Acting,
  runId: string,
): Promise<ImportRun> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx: Kysely<Database>) => {
    const row = await findImportRun(trx, acting.workspaceId, runId);
    if (!row) throw notFound('Import');
    if (!(await finishImportRun(trx, row, 'cancelled', now)))
      throw new AppError('conflict', `The import already ended (${row.status})`, {
        status: row.status,
      });
    await recordAudit(trx, {
      workspaceId: acting.workspaceId,
      actor: acting.actor,
      action: 'import.cancelled',
      entityType: 'import_run',
      entityId: runId,
      request: acting.request,
      at: now,
    });
  });
  return getImportRun(deps, acting.workspaceId, runId);
}
