import { Worker } from 'node:worker_threads';
import {
  CryptCache,
  openWecom,
  type WecomOpenRequest,
  type WecomOpening,
} from './wecom-opening.js';

/** Verifies, decrypts and parses encrypted WeCom callbacks. */
export interface CallbackOpener {
  open(request: WecomOpenRequest): Promise<WecomOpening>;
  close(): Promise<void>;
}

/** Opens on the calling thread. */
export class InlineOpener implements CallbackOpener {
  private readonly crypts = new CryptCache();

  open(request: WecomOpenRequest): Promise<WecomOpening> {
    return Promise.resolve(openWecom(this.crypts.get(request), request));
  }

  async close(): Promise<void> {}
}

type WorkerResult = WecomOpening | { status: 'failed'; message: string };

interface Waiting {
  request: WecomOpenRequest;
  resolve: (opening: WecomOpening) => void;
  reject: (error: Error) => void;
}

/**
 * Opens on worker threads, so the HTTP thread only routes, stores and answers: the callbacks
 * read in one event-loop turn travel to a worker as one message (one round trip per batch,
 * not per callback), and batches go to the workers in turn. A worker that dies fails its
 * batches (answered 500, so the platform retries) and is replaced on the next batch.
 */
export class ThreadedOpener implements CallbackOpener {
  private readonly workers: (Worker | undefined)[];
  private readonly inFlight = new Map<number, { worker: Worker; batch: Waiting[] }>();
  private queue: Waiting[] = [];
  private nextId = 0;
  private turn = 0;
  private closed = false;

  constructor(threads: number) {
    this.workers = new Array<Worker | undefined>(Math.max(1, threads)).fill(undefined);
  }

  open(request: WecomOpenRequest): Promise<WecomOpening> {
    if (this.closed) return Promise.reject(new Error('The callback opener is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
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
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const slot = this.turn++ % this.workers.length;
    let worker: Worker;
    try {
      worker = this.workers[slot] ??= this.spawn(slot);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error as Error);
      return;
    }
    const id = this.nextId++;
    this.inFlight.set(id, { worker, batch });
    worker.postMessage({ id, requests: batch.map((w) => w.request) });
  }

  private spawn(slot: number): Worker {
    const worker = startWorker();
    worker.unref();
    worker.on('message', (message: { id: number; results: WorkerResult[] }) => {
      const entry = this.inFlight.get(message.id);
      if (!entry) return;
      this.inFlight.delete(message.id);
      entry.batch.forEach((waiting, i) => {
        const result = message.results[i]!;
        if (result.status === 'failed') waiting.reject(new Error(result.message));
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

function startWorker(): Worker {
  if (!fromSources) return new Worker(workerFile);
  const source = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerFile.href)}); });`;
  return new Worker(source, { eval: true });
}
