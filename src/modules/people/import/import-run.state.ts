/** What an import run keeps between steps (stored as JSON in `import_run.cursor` / `counts`). */

export interface ImportCursor {
  /** The customer-contact employees, listed once when the contacts phase begins. */
  userIds: string[] | null;
  /** Index of the current batch of `importBatchSize` user ids. */
  batch: number;
  /** WeCom's cursor inside the batch; null at the batch's first page. */
  pageCursor: string | null;
  /** Distinct employees met in the current batch so far (progress within a batch). */
  batchUsersSeen: number;
  lastUserId: string | null;
  /** When the contacts phase began (epoch ms), for the rate and the estimate. */
  contactsStartedAt: number | null;
}

export interface ImportCounts {
  /** Employees synced from the directory. */
  employees: number;
  /** Corp tags pulled. */
  tags: number;
  /** Customer records read from WeCom: one per (customer, employee) pair. */
  contacts: number;
  /** Follows (customer–employee friendships) created or updated. */
  follows: number;
  personsCreated: number;
  /** Persons merged because an imported contact linked them (e.g. by unionid). */
  merged: number;
  /** Failed attempts (each retried with backoff), and the one that failed the run. */
  errors: number;
}

/** Customer-contact employees per batch/get_by_user call, and customers per page (WeCom's maximum). */
export const importBatchSize = 100;
export const importPageSize = 100;
/**
 * Pages a contacts step reads and writes together, with the cursor after them, in one
 * transaction: a step's fixed costs (its job, the run's update, the commit) and each
 * statement's are shared by 500 customers instead of 100.
 */
export const importPagesPerStep = 5;

export const initialCursor = (): ImportCursor => ({
  userIds: null,
  batch: 0,
  pageCursor: null,
  batchUsersSeen: 0,
  lastUserId: null,
  contactsStartedAt: null,
});

export const zeroCounts = (): ImportCounts => ({
  employees: 0,
  tags: 0,
  contacts: 0,
  follows: 0,
  personsCreated: 0,
  merged: 0,
  errors: 0,
});

export function addCounts(counts: ImportCounts, delta: Partial<ImportCounts>): ImportCounts {
  const sum = { ...counts };
  for (const [key, value] of Object.entries(delta) as [keyof ImportCounts, number][])
    sum[key] += value;
  return sum;
}

/** Employees whose customers are fully imported, out of all customer-contact employees. */
export function employeeProgress(
  cursor: ImportCursor,
  phase: string,
): { done: number; total: number | null } {
  const total = cursor.userIds?.length ?? null;
  if (total === null) return { done: 0, total };
  if (phase === 'done') return { done: total, total };
  // The employee being read now is not done yet.
  const inBatch = Math.max(0, cursor.batchUsersSeen - 1);
  return { done: Math.min(total, cursor.batch * importBatchSize + inBatch), total };
}
