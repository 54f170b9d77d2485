/**
 * The callback opener's thread: verifies, decrypts and parses batches of encrypted WeCom
 * callbacks (callback-opener.ts), off the thread that serves HTTP; with an inbox file it also
 * stores the opened callbacks of active connections there (sqlite-inbox.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WxBizMsgCrypt } from '../../../channels/shared/wxbiz-crypto.js';
import type { InboxItem } from './inbox-batch.js';
import {
  batchCallback,
  type OpenerBatch,
  type OpenerReply,
  type OpenerResult,
} from './opener-message.js';
import { SqliteInbox } from './sqlite-inbox.js';
import { CryptCache, openWecom } from './wecom-opening.js';

const crypts = new CryptCache();
const { inboxFile } = workerData as { inboxFile: string | undefined };
const threadInbox = inboxFile === undefined ? undefined : new SqliteInbox(inboxFile);

/** Opens every callback of the batch, building each connection's crypt once. */
function openAll(batch: OpenerBatch): OpenerResult[] {
  const connectionCrypts = batch.connections.map((connection): WxBizMsgCrypt | Error => {
    try {
      return crypts.get(connection);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  });
  return batch.connectionOf.map((c, i): OpenerResult => {
    const crypt = connectionCrypts[c]!;
    try {
      if (crypt instanceof Error) throw crypt;
      return openWecom(crypt, batchCallback(batch, i));
    } catch (error) {
      // A bug or a bad stored key, not a bad request: the receiver answers 500.
      return { status: 'failed', message: String(error) };
    }
  });
}

/** Stores the opened callbacks whose connection names an inbox; their results become outcomes. */
function storeOpened(inbox: SqliteInbox, batch: OpenerBatch, results: OpenerResult[]): void {
  const positions: number[] = [];
  const items: InboxItem[] = [];
  results.forEach((result, i) => {
    const target = batch.connections[batch.connectionOf[i]!]!.inbox;
    if (!target || typeof result === 'string' || result.status !== 'opened') return;
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
  inbox.store(items).forEach((outcome, j) => {
    results[positions[j]!] =
      outcome instanceof Error
        ? { status: 'failed', message: `could not store the callback: ${outcome.message}` }
        : outcome;
  });
}

parentPort!.on('message', (batch: OpenerBatch) => {
  const results = openAll(batch);
  if (threadInbox) storeOpened(threadInbox, batch, results);
  const reply: OpenerReply = { id: batch.id, results };
  parentPort!.postMessage(reply);
});
