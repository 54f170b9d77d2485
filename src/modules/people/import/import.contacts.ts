import {
  importBatchSize,
  importPageSize,
  type ImportCounts,
  type ImportCursor,
} from './import-run.state.js';
import type { ImportRunRow } from './import-run.table.js';
import type { StepOutcome } from './import.jobs.js';
import type { ImportDeps } from './import.sources.js';

/** Which page of a run a cursor points at. */
const pageKey = (cursor: ImportCursor) => `${cursor.batch}\n${cursor.pageCursor ?? ''}`;

/**
 * The contacts phase, one call per step: first the customer-contact employees, then
 * batch/get_by_user over batches of 100 of them, one page (100 customers) at a time; with a
 * prefetcher, the next page is requested while this one is written.
 */
export async function importContactsStep(
  deps: ImportDeps,
  run: ImportRunRow,
  cursor: ImportCursor,
  counts: ImportCounts,
): Promise<StepOutcome> {
  const client = await deps.clients.requireWecom(run.workspace_id);
  if (cursor.userIds === null) {
    const userIds = await client.externalContacts.listFollowUsers();
    return {
      phase: userIds.length === 0 ? 'done' : 'contacts',
      cursor: { ...cursor, userIds, contactsStartedAt: deps.clock.now() },
      counts,
    };
  }
  const fetchPage = (at: ImportCursor) => {
    const start = at.batch * importBatchSize;
    return client.externalContacts.batchGetByUser({
      userIds: (at.userIds ?? []).slice(start, start + importBatchSize),
      ...(at.pageCursor === null ? {} : { cursor: at.pageCursor }),
      limit: importPageSize,
    });
  };
  const start = cursor.batch * importBatchSize;
  const page = await (deps.prefetch?.take(run.id, pageKey(cursor)) ?? fetchPage(cursor));
  let { batchUsersSeen, lastUserId } = cursor;
  for (const { followInfo } of page.items) {
    if (followInfo.userId !== lastUserId) {
      batchUsersSeen += 1;
      lastUserId = followInfo.userId;
    }
  }
  // A cursor that does not move would loop for ever: take it as the batch's end.
  const more = page.nextCursor !== null && page.nextCursor !== cursor.pageCursor;
  const next: ImportCursor = more
    ? { ...cursor, pageCursor: page.nextCursor, batchUsersSeen, lastUserId }
    : { ...cursor, batch: cursor.batch + 1, pageCursor: null, batchUsersSeen: 0, lastUserId: null };
  const finished = !more && start + importBatchSize >= cursor.userIds.length;
  // The next page travels while this one is written.
  if (!finished) deps.prefetch?.start(run.id, pageKey(next), () => fetchPage(next));
  return {
    phase: finished ? 'done' : 'contacts',
    cursor: next,
    counts: { ...counts, contacts: counts.contacts + page.items.length },
    write: (trx) =>
      deps.sources.writeContacts(trx, {
        workspaceId: run.workspace_id,
        corpId: client.corpId,
        items: page.items,
      }),
  };
}
