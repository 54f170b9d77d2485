import { Worker } from 'node:worker_threads';
import type { InboxTarget, IntakeOutcome } from './inbox-batch.js';
import { batchMessage, type OpenerReply } from './opener-message.js';
import {
  CryptCache,
  openWecom,
  type WecomOpenRequest,
  type WecomOpening,
} from './wecom-opening.js';

/** An opening, or a callback opened and already stored in the inbox by the opener. */
export type WecomReceipt = WecomOpening | { status: 'stored'; outcome: IntakeOutcome };

/** Verifies, decrypts and parses encrypted WeCom callbacks. */
export interface CallbackOpener {
  /**
   * Opens `request`. An opener with an inbox of its own (threads on SQLite) also stores the
   * callback when told where (`inbox`, given for active connections only) and answers `stored`.
   */
  open(request: WecomOpenRequest, inbox?: InboxTarget): Promise<WecomReceipt>;
  close(): Promise<void>;
}

/** Opens on the calling thread; the receiver stores through the intake. */
export class InlineOpener implements CallbackOpener {
  private readonly crypts = new CryptCache();

  open(request: WecomOpenRequest): Promise<WecomReceipt> {
    return Promise.resolve(openWecom(this.crypts.get(request), request));
  }

  async close(): Promise<void> {}
}

export interface ThreadedOpenerOptions {
  /**
   * The SQLite file the threads store opened callbacks in, through connections of their own;
   * without it they only open, and the receiver stores on its thread.
   */
  inboxFile?: string;
  now?: () => number;
}

/**
 * Callbacks per message to a thread. Smaller batches overlap: the HTTP thread answers the first
 * batch while the thread opens (and stores) the next, instead of each waiting for the other
 * (32 connections: ~3,100 → ~3,600 callbacks/s); much smaller ones pay more per callback.
 */
const maxBatch = 16;

interface Waiting {
  request: WecomOpenRequest;
  inbox: InboxTarget | undefined;
  resolve: (receipt: WecomReceipt) => void;
  reject: (error: Error) => void;
}

/**
 * Opens on worker threads — and with an inbox file, stores there too — so the HTTP thread
 * mostly routes and answers: the callbacks read in one event-loop turn travel to a worker in
 * messages of up to `maxBatch` (one round trip per message, not per callback; a worker
 * stores the messages that queued for it in one transaction), and messages go to the workers
 * in turn. A worker that dies fails its batches (answered 500, so the platform retries) and
 * is replaced on the next batch.
 */
export class ThreadedOpener implements CallbackOpener {
  private readonly workers: (Worker | undefined)[];
  private readonly inFlight = new Map<number, { worker: Worker; batch: Waiting[] }>();
  private queue: Waiting[] = [];
  private nextId = 0;
  private turn = 0;
  private closed = false;

  constructor(
    threads: number,
    private readonly options: ThreadedOpenerOptions = {},
  ) {
    this.workers = new Array<Worker | undefined>(Math.max(1, threads)).fill(undefined);
  }

  open(request: WecomOpenRequest, inbox?: InboxTarget): Promise<WecomReceipt> {
    if (this.closed) return Promise.reject(new Error('The callback opener is closed'));
    const storeHere = this.options.inboxFile !== undefined ? inbox : undefined;
    return new Promise((resolve, reject) => {
      this.queue.push({ request, inbox: storeHere, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers.filter((w): w is Worker => w !== undefined);
    this.workers.fill(undefined);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private flush(): void {
    const queued = this.queue;
    this.queue = [];
    for (let i = 0; i < queued.length; i += maxBatch) this.send(queued.slice(i, i + maxBatch));
  }

  private send(batch: Waiting[]): void {
    const slot = this.turn++ % this.workers.length;
    let worker: Worker;
    try {
      worker = this.workers[slot] ??= this.spawn(slot);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error as Error);
      return;
    }
    const message = batchMessage(this.nextId++, (this.options.now ?? Date.now)(), batch);
    this.inFlight.set(message.id, { worker, batch });
    worker.postMessage(message);
  }

  private spawn(slot: number): Worker {
    const worker = startWorker({ inboxFile: this.options.inboxFile });
    worker.unref();
    worker.on('message', (message: OpenerReply) => {
      const entry = this.inFlight.get(message.id);
      if (!entry) return;
      this.inFlight.delete(message.id);
      entry.batch.forEach((waiting, i) => {
        const result = message.results[i]!;
        if (typeof result === 'string') waiting.resolve({ status: 'stored', outcome: result });
        else if (result.status === 'failed') waiting.reject(new Error(result.message));
        else waiting.resolve(result);
      });
    });
    const fail = (error: Error) => {
      if (this.workers[slot] === worker) this.workers[slot] = undefined;
      for (const [id, entry] of this.inFlight) {
        if (entry.worker !== worker) continue;
        this.inFlight.delete(id);
        for (const waiting of entry.batch) waiting.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`callback opener thread exited (${code})`)));
    return worker;
  }
}

// Built JavaScript runs the .js file beside this one; from sources (tsx, Vitest) the thread
// first registers tsx's loader to run the .ts file.
const fromSources = import.meta.url.endsWith('.ts');
const workerFile = new URL(
  `./callback-opener.worker.${fromSources ? 'ts' : 'js'}`,
  import.meta.url,
);

function startWorker(workerData: { inboxFile: string | undefined }): Worker {
  if (!fromSources) return new Worker(workerFile, { workerData });
  const source = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerFile.href)}); });`;
  return new Worker(source, { eval: true, workerData });
}
