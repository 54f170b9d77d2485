import type { Page } from '../../../channels/shared/wire.js';
import type { ImportCursor } from './import-run.state.js';
import type { ImportedContact, WrittenCounts } from './import.sources.js';

export type ContactPage = Page<ImportedContact>;

/** The pages of one import step, and where the run stands after them. */
export interface StepPages {
  pages: ContactPage[];
  next: ImportCursor;
  /** True when these pages end the run's last batch. */
  finished: boolean;
}

/** A step's pages, and their write when they were written ahead of the step (else null). */
export interface FetchedStep extends StepPages {
  written: Promise<WrittenCounts | null> | null;
}

interface Ahead<T> {
  key: string;
  page: Promise<T>;
  at: number;
}

/**
 * Pages of customers requested ahead, at most one step's worth per run: while a step writes
 * its pages, the next step's (their cursor came with the last page) are already on their way,
 * so the wire and the database work side by side. In-process only: a step that finds nothing here for its cursor
 * (another process, a retry, a restart) fetches its page itself. A failed fetch ahead fails the
 * step that takes it, which retries with a fetch of its own. Entries older than `maxAgeMs`
 * (a run cancelled or taken over meanwhile) are dropped.
 */
export class PagePrefetcher<T = FetchedStep> {
  private readonly ahead = new Map<string, Ahead<T>>();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly maxAgeMs = 60_000,
  ) {}

  /** Starts fetching the run's page `key` (replacing any page fetched ahead for the run). */
  start(runId: string, key: string, fetch: () => Promise<T>): void {
    this.sweep();
    const page = Promise.resolve().then(fetch);
    // Reported by take(); a page nobody takes fails quietly.
    page.catch(() => undefined);
    this.ahead.set(runId, { key, page, at: this.now() });
  }

  /** The page fetched ahead for `key`, if any; the run's entry is used up either way. */
  take(runId: string, key: string): Promise<T> | undefined {
    const entry = this.ahead.get(runId);
    this.ahead.delete(runId);
    if (!entry || entry.key !== key || this.now() - entry.at > this.maxAgeMs) return undefined;
    return entry.page;
  }

  /** Runs with a page fetched ahead (for tests and metrics). */
  get size(): number {
    return this.ahead.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [runId, entry] of this.ahead)
      if (now - entry.at > this.maxAgeMs) this.ahead.delete(runId);
  }
}
