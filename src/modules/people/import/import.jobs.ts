import { z } from 'zod';
import { isWechatApiError } from '../../../channels/shared/api-errors.js';
import type { Database } from '../../../database.js';
import type { Kysely } from 'kysely';
import { AppError } from '../../../platform/http/errors.js';
import { PermanentJobError, type RetryJobError } from '../../../platform/jobs/job.js';
import type { JobContext } from '../../../platform/jobs/job-registry.js';
import { countsOf, cursorOf } from './import-run.mapping.js';
import { addCounts, type ImportCounts, type ImportCursor } from './import-run.state.js';
import {
  advanceImportRun,
  findImportRun,
  finishImportRun,
  recordImportError,
} from './import-run.store.js';
import { activeImportStatuses, type ImportPhase, type ImportRunRow } from './import-run.table.js';
import { importContactsStep } from './import.contacts.js';
import type { ImportDeps } from './import.sources.js';
import { refreshPlannerStatistics, statisticsDue } from './import.statistics.js';

export const importQueue = 'people.import_wecom';

const stepPayload = z.object({
  workspaceId: z.string(),
  runId: z.string(),
  step: z.number().int().min(0),
});
export type ImportStepPayload = z.infer<typeof stepPayload>;

/** Enqueues a run's next step in the caller's transaction; the key makes a second enqueue a no-op. */
export function enqueueImportStep(
  deps: Pick<ImportDeps, 'jobs'>,
  trx: Kysely<Database>,
  payload: ImportStepPayload,
) {
  return deps.jobs.enqueue(trx, {
    queue: importQueue,
    key: `import:${payload.runId}:${payload.step}`,
    payload,
    workspaceId: payload.workspaceId,
  });
}

/** What a step hands back: the run's next state, and the data to write with it. */
export interface StepOutcome {
  phase: ImportPhase;
  cursor: ImportCursor;
  counts: ImportCounts;
  /** Writes the step's data in the transaction that advances the run; returns counts to add. */
  write?: (trx: Kysely<Database>) => Promise<Partial<ImportCounts>>;
}

/** The step was already done by another worker, or the run was cancelled meanwhile. */
class StaleStep extends Error {}

/** Writes a step's data, advances the run and enqueues the next step, all in one transaction. */
async function commitStep(deps: ImportDeps, run: ImportRunRow, outcome: StepOutcome) {
  const done = outcome.phase === 'done';
  try {
    await deps.jobs.transaction(async (trx) => {
      const delta = outcome.write ? await outcome.write(trx) : {};
      const advanced = await advanceImportRun(trx, run, {
        phase: outcome.phase,
        status: done ? 'succeeded' : 'running',
        cursor: outcome.cursor,
        counts: addCounts(outcome.counts, delta),
        now: deps.clock.now(),
      });
      if (!advanced) throw new StaleStep();
      if (!done) {
        await enqueueImportStep(deps, trx, {
          workspaceId: run.workspace_id,
          runId: run.id,
          step: run.step + 1,
        });
      }
    });
  } catch (error) {
    if (!(error instanceof StaleStep)) throw error;
  }
}

async function nextOutcome(deps: ImportDeps, run: ImportRunRow): Promise<StepOutcome | null> {
  const cursor = cursorOf(run);
  const counts = countsOf(run);
  switch (run.phase) {
    case 'employees': {
      // Fails at once, with what to do, when the workspace has no WeCom connection.
      await deps.clients.requireWecom(run.workspace_id);
      const employees = await deps.sources.syncEmployees(run.workspace_id);
      return { phase: 'tags', cursor, counts: { ...counts, employees } };
    }
    case 'tags': {
      const tags = await deps.sources.pullCorpTags(run.workspace_id);
      return { phase: 'contacts', cursor, counts: { ...counts, tags } };
    }
    case 'contacts':
      return importContactsStep(deps, run, cursor, counts);
    case 'done':
      return null;
  }
}

/** Errors that retrying will not fix: the run fails at once. */
function isPermanent(error: unknown): boolean {
  if (isWechatApiError(error)) return !error.retryable;
  return error instanceof AppError || error instanceof PermanentJobError;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One step of a run: employees, tags, the follow-user list, or one page of customers. */
export async function runImportStep(
  deps: ImportDeps,
  payload: ImportStepPayload,
  job: Pick<JobContext, 'attempt' | 'maxAttempts'>,
): Promise<void> {
  const run = await findImportRun(deps.db, payload.workspaceId, payload.runId);
  if (!run || run.step !== payload.step || !activeImportStatuses.includes(run.status)) return;
  try {
    const outcome = await nextOutcome(deps, run);
    if (!outcome) return;
    await commitStep(deps, run, outcome);
    if (statisticsDue(countsOf(run).contacts, outcome.counts.contacts))
      await refreshPlannerStatistics(deps.db);
  } catch (error) {
    const message = messageOf(error);
    await recordImportError(deps.db, run, message, deps.clock.now());
    if (isPermanent(error) || job.attempt >= job.maxAttempts) {
      await finishImportRun(deps.db, run, 'failed', deps.clock.now(), message);
      throw new PermanentJobError(message, { cause: error });
    }
    throw error as Error | RetryJobError;
  }
}

export function registerImportJobs(deps: ImportDeps): void {
  deps.jobs.registry.register(importQueue, {
    schema: stepPayload,
    // Employees and tags are synced in one step each; a large directory takes a while.
    timeoutMs: 5 * 60_000,
    handler: (payload, job) => runImportStep(deps, payload, job),
  });
}
