import type { WecomClient } from '../../../channels/wecom/client/wecom-client.js';
import {
  importBatchSize,
  importPageSize,
  importStepLimits,
  type ImportCounts,
  type ImportCursor,
  type ImportStepLimits,
} from './import-run.state.js';
import type { ImportRunRow } from './import-run.table.js';
import type { StepOutcome } from './import.jobs.js';
import type { ContactPage, StepPages } from './import.prefetch.js';
import type { ImportDeps, ImportedContact } from './import.sources.js';

/** Which page of a run a cursor points at. */
const pageKey = (cursor: ImportCursor) => `${cursor.batch}\n${cursor.pageCursor ?? ''}`;

/** Where the run stands after `page`, read at `cursor`; finished after the last batch's end. */
export function cursorAfterPage(
  cursor: ImportCursor,
  page: ContactPage,
): { next: ImportCursor; finished: boolean } {
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
  const start = cursor.batch * importBatchSize;
  const finished = !more && start + importBatchSize >= (cursor.userIds?.length ?? 0);
  return { next, finished };
}

/**
 * The pages of one step from `cursor` on, read one after the other (each page's cursor comes
 * with the page before): up to `limits.pages`, fewer at the end of the run or once they carry
 * `limits.tagIds` tag ids.
 */
async function fetchStepPages(
  client: WecomClient,
  cursor: ImportCursor,
  limits: ImportStepLimits,
): Promise<StepPages> {
  const pages: ContactPage[] = [];
  let at = cursor;
  let tagIds = 0;
  for (;;) {
    const start = at.batch * importBatchSize;
    const page = await client.externalContacts.batchGetByUser({
      userIds: (at.userIds ?? []).slice(start, start + importBatchSize),
      ...(at.pageCursor === null ? {} : { cursor: at.pageCursor }),
      limit: importPageSize,
    });
    pages.push(page);
    for (const { followInfo } of page.items) tagIds += followInfo.tagIds.length;
    const { next, finished } = cursorAfterPage(at, page);
    if (finished || pages.length >= limits.pages || tagIds >= limits.tagIds)
      return { pages, next, finished };
    at = next;
  }
}

/**
 * The contacts phase, one call per step: first the customer-contact employees, then
 * batch/get_by_user over batches of 100 of them, a few pages (100 customers each) per step,
 * written with the cursor after them in one transaction; with a prefetcher, the next step's
 * pages are requested while this step's are written.
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
  const limits = deps.stepLimits ?? importStepLimits;
  const fetch = (at: ImportCursor) => fetchStepPages(client, at, limits);
  const { pages, next, finished } = await (deps.prefetch?.take(run.id, pageKey(cursor)) ??
    fetch(cursor));
  // The next step's pages travel while these are written.
  if (!finished) deps.prefetch?.start(run.id, pageKey(next), () => fetch(next));
  const items: ImportedContact[] = pages.flatMap((p) => p.items);
  return {
    phase: finished ? 'done' : 'contacts',
    cursor: next,
    counts: { ...counts, contacts: counts.contacts + items.length },
    write: (trx) =>
      deps.sources.writeContacts(trx, {
        workspaceId: run.workspace_id,
        corpId: client.corpId,
        items,
      }),
  };
}
