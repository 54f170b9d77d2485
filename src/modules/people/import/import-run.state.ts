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
export interface ImportStepLimits {
  /** Pages a contacts step reads and writes together, with the cursor after them. */
  pages: number;
  /** It also stops once its pages carry this many corp tag ids. */
  tagIds: number;
}

/**
 * Ten pages (1,000 customers) per step, in one transaction: a step's fixed costs (its job, the
 * run's update, the commit) and each statement's are shared by ten pages (at 100,000 customers
 * −6% CPU against five pages; twenty measured no better and hold SQLite's one writer twice as
 * long). Each row becomes a follow and a timeline event, written by single statements whose
 * bound parameters SQLite caps at 32,766: 1,000 follows of 17 columns take 17,000. Each tag id
 * may become a tag link, a domain event and a timeline event; as a first page is always taken,
 * a step never holds more than one page would alone, or than 2,000 tag ids and a page's.
 */
export const importStepLimits: ImportStepLimits = { pages: 10, tagIds: 2_000 };

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
