import type { SignedQuery } from '../../../channels/shared/wxbiz-crypto.js';
import type { InboxTarget, IntakeOutcome } from './inbox-batch.js';
import type { WecomOpening, WecomOpenRequest } from './wecom-opening.js';

/**
 * The messages between the HTTP thread and a callback thread (callback-opener.ts and its
 * worker). A batch travels as parallel arrays with each connection once: a structured clone
 * copies a few arrays instead of four objects per callback (16 callbacks: ~8 → ~3 µs per
 * callback to serialize and deserialize), and a stored callback's result is its outcome alone.
 */

/** The credentials to open with and, when the thread stores, where the callbacks go. */
export interface OpenerConnection {
  token: string;
  encodingAesKey: string;
  receiveId: string;
  inbox?: InboxTarget;
}

/** One batch sent to a thread: up to its cap of the callbacks read in one event-loop turn. */
export interface OpenerBatch {
  id: number;
  /** The time the callbacks are stored as received at (the app's clock). */
  receivedAt: number;
  connections: OpenerConnection[];
  /** Per callback: its connection's position in `connections`, then its signed query and body. */
  connectionOf: number[];
  signatures: (string | undefined)[];
  timestamps: string[];
  nonces: string[];
  bodies: string[];
}

/** Per callback: its outcome when the thread stored it, else its opening, or a failure. */
export type OpenerResult = IntakeOutcome | WecomOpening | { status: 'failed'; message: string };

export interface OpenerReply {
  id: number;
  results: OpenerResult[];
}

/** The batch message for `items` (the inbox is given only when the thread is to store). */
export function batchMessage(
  id: number,
  receivedAt: number,
  items: readonly { request: WecomOpenRequest; inbox: InboxTarget | undefined }[],
): OpenerBatch {
  const batch: OpenerBatch = {
    id,
    receivedAt,
    connections: [],
    connectionOf: [],
    signatures: [],
    timestamps: [],
    nonces: [],
    bodies: [],
  };
  for (const { request, inbox } of items) {
    batch.connectionOf.push(connectionIndex(batch.connections, request, inbox));
    batch.signatures.push(request.query.msgSignature);
    batch.timestamps.push(request.query.timestamp);
    batch.nonces.push(request.query.nonce);
    batch.bodies.push(request.body);
  }
  return batch;
}

/** Callback `i` of a batch: its signed query and body. */
export function batchCallback(batch: OpenerBatch, i: number): { query: SignedQuery; body: string } {
  return {
    query: {
      msgSignature: batch.signatures[i],
      timestamp: batch.timestamps[i]!,
      nonce: batch.nonces[i]!,
    },
    body: batch.bodies[i]!,
  };
}

/** A batch names few connections (usually one): a scan is cheaper than building keys. */
function connectionIndex(
  connections: OpenerConnection[],
  request: WecomOpenRequest,
  inbox: InboxTarget | undefined,
): number {
  const found = connections.findIndex(
    (c) =>
      c.token === request.token &&
      c.encodingAesKey === request.encodingAesKey &&
      c.receiveId === request.receiveId &&
      c.inbox?.workspaceId === inbox?.workspaceId &&
      c.inbox?.connectionId === inbox?.connectionId &&
      c.inbox?.appId === inbox?.appId,
  );
  if (found >= 0) return found;
  const { token, encodingAesKey, receiveId } = request;
  connections.push(
    inbox ? { token, encodingAesKey, receiveId, inbox } : { token, encodingAesKey, receiveId },
  );
  return connections.length - 1;
}
