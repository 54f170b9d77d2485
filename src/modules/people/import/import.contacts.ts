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
import { findImportRun } from './import-run.store.js';
import { activeImportStatuses } from './import-run.table.js';
import type { ContactPage, FetchedStep, StepPages } from './import.prefetch.js';
import type { ImportDeps, ImportedContact, WrittenCounts } from './import.sources.js';

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
 * pages are requested while this step's are written, and with `writeAhead` written as soon as
 * they arrive (the step that takes them then only advances the run).
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
  const step: FetchedStep = await (deps.prefetch?.take(run.id, pageKey(cursor)) ??
    fetch(cursor).then((pages) => ({ ...pages, written: null })));
  const { pages, next, finished } = step;
  // The next step's pages travel (and, writing ahead, are written) while these are written.
  if (!finished) {
    deps.prefetch?.start(run.id, pageKey(next), async () => {
      const ahead = await fetch(next);
      const written = deps.writeAhead
        ? writeAhead(deps, run, client.corpId, itemsOf(ahead.pages))
        : null;
      return { ...ahead, written };
    });
  }
  const items = itemsOf(pages);
  const delta = await step.written;
  return {
    phase: finished ? 'done' : 'contacts',
    cursor: next,
    counts: { ...counts, contacts: counts.contacts + items.length },
    write: delta
      ? () => Promise.resolve(delta)
      : (trx) =>
          deps.sources.writeContacts(trx, {
            workspaceId: run.workspace_id,
            corpId: client.corpId,
            items,
          }),
  };
}

const itemsOf = (pages: readonly ContactPage[]): ImportedContact[] => pages.flatMap((p) => p.items);

/**
 * Writes a step's pages ahead of it, in a transaction of their own, while the run is still
 * going. Resolves with the counts to add, or null when it could not (another writer holding
 * the same customers, the run ended): the step then writes its pages itself, as the upserts
 * are idempotent.
 */
function writeAhead(
  deps: ImportDeps,
  run: ImportRunRow,
  corpId: string,
  items: ImportedContact[],
): Promise<WrittenCounts | null> {
  return deps.jobs
    .transaction(async (trx) => {
      const current = await findImportRun(trx, run.workspace_id, run.id);
      if (!current || !activeImportStatuses.includes(current.status)) return null;
      return deps.sources.writeContacts(trx, { workspaceId: run.workspace_id, corpId, items });
    })
    .catch(() => null);
}
