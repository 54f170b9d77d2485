import type { Logger } from '../log.js';
import type { JobRow } from './job.js';

export interface PollerOptions {
  /** Jobs run at once by this process's poller. */
  concurrency: number;
  /** First wait after finding no job; doubles while idle, up to maxPollIntervalMs. */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** How often to take over running jobs whose lease expired. */
  rescueIntervalMs: number;
}

export interface PollerDeps {
  claim(limit: number): Promise<JobRow[]>;
  run(job: JobRow, onHandlerDone: () => void): void;
  rescue(): Promise<unknown>;
  logger: Logger | undefined;
}

/**
 * The worker loop: claims as many due jobs as it has free slots, runs them, and sleeps
 * with a growing interval while the queue is empty. wake() (a local enqueue) and a freed
 * slot end the sleep early. Polling uses real timers; run_at and leases use the Clock.
 */
export class JobPoller {
  private active = 0;
  private stopped = false;
  private signalled = false;
  private notify: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private lastRescue = -Infinity;

  constructor(
    private readonly deps: PollerDeps,
    private readonly options: PollerOptions,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  wake(): void {
    this.signal();
  }

  /** Stops claiming; running jobs are left to the executor's shutdown. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.signal();
    await this.loop;
  }

  private signal(): void {
    this.signalled = true;
    this.notify?.();
  }

  private async run(): Promise<void> {
    let idleDelay = this.options.pollIntervalMs;
    while (!this.stopped) {
      this.signalled = false;
      const free = this.options.concurrency - this.active;
      if (free <= 0) {
        await this.sleep(Infinity);
        continue;
      }
      let claimed: JobRow[];
      try {
        await this.rescueIfDue();
        claimed = await this.deps.claim(free);
      } catch (error) {
        this.deps.logger?.error({ err: error }, 'job poll failed');
        await this.sleep(idleDelay);
        idleDelay = Math.min(idleDelay * 2, this.options.maxPollIntervalMs);
        continue;
      }
      for (const job of claimed) {
        this.active += 1;
        this.deps.run(job, () => {
          this.active -= 1;
          this.signal();
        });
      }
      if (claimed.length === free) continue;
      if (claimed.length > 0) {
        idleDelay = this.options.pollIntervalMs;
        await this.sleep(idleDelay);
      } else if (await this.sleep(idleDelay)) {
        idleDelay = this.options.pollIntervalMs;
      } else {
        idleDelay = Math.min(idleDelay * 2, this.options.maxPollIntervalMs);
      }
    }
  }

  private async rescueIfDue(): Promise<void> {
    if (performance.now() - this.lastRescue < this.options.rescueIntervalMs) return;
    this.lastRescue = performance.now();
    await this.deps.rescue();
  }

  /** Resolves true when woken by a signal, false when the delay ran out. */
  private sleep(ms: number): Promise<boolean> {
    if (this.signalled || this.stopped) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => done(false), ms) : undefined;
      const done = (woken: boolean) => {
        clearTimeout(timer);
        this.notify = undefined;
        resolve(woken);
      };
      this.notify = () => done(true);
    });
  }
}
