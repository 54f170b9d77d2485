import type { ImportRun } from './import-run.schemas.js';
import { employeeProgress, type ImportCounts, type ImportCursor } from './import-run.state.js';
import type { ImportRunRow } from './import-run.table.js';

const iso = (ms: number) => new Date(ms).toISOString();

export const cursorOf = (row: Pick<ImportRunRow, 'cursor'>) =>
  JSON.parse(row.cursor) as ImportCursor;
export const countsOf = (row: Pick<ImportRunRow, 'counts'>) =>
  JSON.parse(row.counts) as ImportCounts;

function progressOf(row: ImportRunRow, now: number): ImportRun['progress'] {
  const cursor = cursorOf(row);
  const { done, total } = employeeProgress(cursor, row.phase);
  const fraction = row.phase === 'done' ? 1 : total ? done / total : 0;
  const started = cursor.contactsStartedAt;
  const end = row.finished_at ?? now;
  const seconds = started === null ? 0 : (end - started) / 1000;
  const contacts = countsOf(row).contacts;
  const active = row.status === 'queued' || row.status === 'running';
  return {
    employeesDone: done,
    employeesTotal: total,
    fraction,
    contactsPerSecond: seconds > 0 ? Math.round((contacts / seconds) * 10) / 10 : null,
    etaSeconds:
      active && fraction > 0 && seconds > 0
        ? Math.round((seconds * (1 - fraction)) / fraction)
        : null,
  };
}

export function importRunRowToImportRun(row: ImportRunRow, now: number): ImportRun {
  return {
    id: row.id,
    source: row.source,
    status: row.status,
    phase: row.phase,
    counts: countsOf(row),
    progress: progressOf(row, now),
    lastError: row.last_error,
    startedBy: row.started_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    finishedAt: row.finished_at === null ? null : iso(row.finished_at),
  };
}
