/**
 * The callback opener's thread: verifies, decrypts and parses batches of encrypted WeCom
 * callbacks (callback-opener.ts), off the thread that serves HTTP; with an inbox file it also
 * stores the opened callbacks of active connections there (sqlite-inbox.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { OpenerBatch, OpenerResult } from './callback-opener.js';
import type { InboxItem } from './inbox-batch.js';
import { SqliteInbox } from './sqlite-inbox.js';
import { CryptCache, openWecom, type WecomOpenRequest } from './wecom-opening.js';

const crypts = new CryptCache();
const { inboxFile } = workerData as { inboxFile: string | undefined };
const inbox = inboxFile === undefined ? undefined : new SqliteInbox(inboxFile);

function open(request: WecomOpenRequest): OpenerResult {
  try {
    return openWecom(crypts.get(request), request);
  } catch (error) {
    // A bug or a bad stored key, not a bad request: the receiver answers 500.
    return { status: 'failed', message: String(error) };
  }
}

/** Stores the opened callbacks that name an inbox target; their results become `stored`. */
function store(store: SqliteInbox, batch: OpenerBatch, results: OpenerResult[]): void {
  const positions: number[] = [];
  const items: InboxItem[] = [];
  batch.items.forEach(({ inbox: target }, i) => {
    const result = results[i]!;
    if (!target || result.status !== 'opened') return;
    positions.push(i);
    items.push({
      channel: 'wecom',
      target,
      plaintext: result.plaintext,
      summary: result.summary,
      receivedAt: batch.receivedAt,
    });
  });
  if (items.length === 0) return;
  store.store(items).forEach((outcome, j) => {
    results[positions[j]!] =
      outcome instanceof Error
        ? { status: 'failed', message: `could not store the callback: ${outcome.message}` }
        : { status: 'stored', outcome };
  });
}

parentPort!.on('message', (batch: OpenerBatch) => {
  const results = batch.items.map(({ request }) => open(request));
  if (inbox) store(inbox, batch, results);
  parentPort!.postMessage({ id: batch.id, results });
});
