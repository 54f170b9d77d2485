import type { Page } from '../../../channels/shared/wire.js';
import type { ImportedContact } from './import.sources.js';

export type ContactPage = Page<ImportedContact>;

interface Ahead {
  key: string;
  page: Promise<ContactPage>;
  at: number;
}

/**
 * Pages of customers requested ahead, at most one per run: while a step writes its page, the
 * next one (its cursor came with the page) is already on its way, so the wire and the
 * database work side by side. In-process only: a step that finds nothing here for its cursor
 * (another process, a retry, a restart) fetches its page itself. A failed fetch ahead fails the
 * step that takes it, which retries with a fetch of its own. Entries older than `maxAgeMs`
 * (a run cancelled or taken over meanwhile) are dropped.
 */
export class PagePrefetcher {
  private readonly ahead = new Map<string, Ahead>();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly maxAgeMs = 60_000,
  ) {}

  /** Starts fetching the run's page `key` (replacing any page fetched ahead for the run). */
  start(runId: string, key: string, fetch: () => Promise<ContactPage>): void {
    this.sweep();
    const page = Promise.resolve().then(fetch);
    // Reported by take(); a page nobody takes fails quietly.
    page.catch(() => undefined);
    this.ahead.set(runId, { key, page, at: this.now() });
  }

  /** The page fetched ahead for `key`, if any; the run's entry is used up either way. */
  take(runId: string, key: string): Promise<ContactPage> | undefined {
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
