/**
 * The callback opener's thread: verifies, decrypts and parses batches of encrypted WeCom
 * callbacks (callback-opener.ts), off the thread that serves HTTP; with an inbox file it also
 * stores the opened callbacks of active connections there (sqlite-inbox.ts).
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
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

/** A batch as opened, waiting to be stored and answered. */
interface Opened {
  batch: OpenerBatch;
  results: OpenerResult[];
}

/**
 * Stores the opened callbacks whose connection names an inbox, of every batch given, in one
 * transaction; their results become outcomes.
 */
function storeOpened(inbox: SqliteInbox, opened: readonly Opened[]): void {
  const positions: { results: OpenerResult[]; i: number }[] = [];
  const items: InboxItem[] = [];
  for (const { batch, results } of opened) {
    results.forEach((result, i) => {
      const target = batch.connections[batch.connectionOf[i]!]!.inbox;
      if (!target || typeof result === 'string' || result.status !== 'opened') return;
      positions.push({ results, i });
      items.push({
        channel: 'wecom',
        target,
        plaintext: result.plaintext,
        summary: result.summary,
        receivedAt: batch.receivedAt,
      });
    });
  }
  if (items.length === 0) return;
  inbox.store(items).forEach((outcome, j) => {
    const { results, i } = positions[j]!;
    results[i] =
      outcome instanceof Error
        ? { status: 'failed', message: `could not store the callback: ${outcome.message}` }
        : outcome;
  });
}

const answer = ({ batch, results }: Opened) => {
  const reply: OpenerReply = { id: batch.id, results };
  parentPort!.postMessage(reply);
};

const open = (batch: OpenerBatch): Opened => ({ batch, results: openAll(batch) });

/** Callbacks one transaction takes at most of the batches that queued (its answers wait for all). */
const maxQueuedPerStore = 256;

/** The batches waiting on the port, opened, up to `maxQueuedPerStore` callbacks. */
function openQueued(): Opened[] {
  const queued: Opened[] = [];
  let callbacks = 0;
  while (callbacks < maxQueuedPerStore) {
    const message = receiveMessageOnPort(parentPort!);
    if (!message) break;
    const batch = message.message as OpenerBatch;
    queued.push(open(batch));
    callbacks += batch.bodies.length;
  }
  return queued;
}

/**
 * A batch is stored and answered at once, so the HTTP thread sends its answers while this
 * thread goes on. The batches that queued meanwhile are then taken off the port together and
 * stored in one transaction: under load one commit serves several messages (a transaction per
 * message of 16 cost ~40 µs more per callback in its commit and dispatch-job update).
 */
function handle(inbox: SqliteInbox, first: OpenerBatch): void {
  for (let opened = [open(first)]; opened.length > 0; opened = openQueued()) {
    storeOpened(inbox, opened);
    opened.forEach(answer);
  }
}

parentPort!.on('message', (batch: OpenerBatch) => {
  if (threadInbox) handle(threadInbox, batch);
  else answer(open(batch));
});
