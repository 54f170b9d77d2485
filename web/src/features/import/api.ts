import { api, segment } from '../../api/client';

export type ImportRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type ImportPhase = 'employees' | 'tags' | 'contacts' | 'done';
export const importPhases: ImportPhase[] = ['employees', 'tags', 'contacts', 'done'];

export interface ImportCounts {
  employees: number;
  tags: number;
  /** Customer records read: one per (customer, employee) pair. */
  contacts: number;
  follows: number;
  personsCreated: number;
  merged: number;
  errors: number;
}

/** One import of the workspace's WeCom data (src/modules/people/import/import-run.schemas.ts). */
export interface ImportRun {
  id: string;
  source: 'wecom';
  status: ImportRunStatus;
  phase: ImportPhase;
  counts: ImportCounts;
  progress: {
    employeesDone: number;
    employeesTotal: number | null;
    /** 0…1; 1 when done. */
    fraction: number;
    contactsPerSecond: number | null;
    etaSeconds: number | null;
  };
  lastError: string | null;
  startedBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export const isActive = (run: ImportRun): boolean =>
  run.status === 'queued' || run.status === 'running';

const importsPath = (slug: string) => `/api/workspaces/${segment(slug)}/imports`;

export const listImportRuns = (slug: string, signal?: AbortSignal) =>
  api.get<{ items: ImportRun[] }>(`${importsPath(slug)}?limit=10`, { signal }).then((r) => r.items);

export const getImportRun = (slug: string, runId: string, signal?: AbortSignal) =>
  api.get<ImportRun>(`${importsPath(slug)}/${segment(runId)}`, { signal });

export const startWecomImport = (slug: string) => api.post<ImportRun>(`${importsPath(slug)}/wecom`);

export const cancelImportRun = (slug: string, runId: string) =>
  api.post<ImportRun>(`${importsPath(slug)}/${segment(runId)}/cancel`);
