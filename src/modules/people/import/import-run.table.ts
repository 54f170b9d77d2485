import type { Insertable, Selectable } from 'kysely';

export const importRunStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type ImportRunStatus = (typeof importRunStatuses)[number];

/** Statuses of a run still going: at most one such run per workspace (`active_key`). */
export const activeImportStatuses: readonly ImportRunStatus[] = ['queued', 'running'];

export const importPhases = ['employees', 'tags', 'contacts', 'done'] as const;
export type ImportPhase = (typeof importPhases)[number];

export const importSources = ['wecom'] as const;
export type ImportSource = (typeof importSources)[number];

/**
 * One initial import of a workspace's WeCom data. Durable jobs drive it one step at a time;
 * each step writes its data and advances `step`, `phase` and `cursor` in one transaction.
 */
export interface ImportRunTable {
  id: string;
  workspace_id: string;
  source: ImportSource;
  status: ImportRunStatus;
  phase: ImportPhase;
  /** Steps done so far; a job for an older step finds it moved on and does nothing. */
  step: number;
  /** ImportCursor as JSON: the customer-contact employees, batch and page cursor. */
  cursor: string;
  /** ImportCounts as JSON. */
  counts: string;
  last_error: string | null;
  /** Who started it (audit label: a user's email, an API key's name, `cli`). */
  started_by: string;
  /** The workspace id while the run is queued or running, else null (unique: one active run). */
  active_key: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface ImportTables {
  import_run: ImportRunTable;
}

export type ImportRunRow = Selectable<ImportRunTable>;
export type NewImportRunRow = Insertable<ImportRunTable>;
