/**
 * Group commit: items that arrive together are written by one transaction instead of one
 * transaction each, and every caller is answered only after that transaction committed.
 *
 * The first item waits for the end of the current event-loop turn (`setImmediate`), so the
 * requests read in the same turn share its transaction; items arriving while `maxInFlight`
 * transactions are in flight form the next one, started as soon as one of them ends. Nothing
 * is delayed by a timer: a lone item is written at once. With more than one transaction in
 * flight (a database with a connection pool), a batch need not wait for the previous commit.
 * When a shared transaction fails, no caller can be blamed, so each of its items is written
 * again alone and only the failing one fails; a transaction of one item fails as is.
 */
export class GroupCommit<T, R> {
  private queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private waiting = false;

  constructor(
    /** Writes the items in one transaction; returns one result per item, in order. */
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: { maxItems?: number; maxInFlight?: number } = {},
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.waiting || this.inFlight >= this.maxInFlight) return;
      this.waiting = true;
      setImmediate(() => {
        this.waiting = false;
        this.start();
      });
    });
  }

  private get maxInFlight(): number {
    return this.options.maxInFlight ?? 1;
  }

  private start(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxItems ?? 200);
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        this.start();
      });
    }
  }

  private async commit(batch: typeof this.queue): Promise<void> {
    try {
      const results = await this.write(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => entry.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else
        for (const entry of batch) await this.alone(entry.item).then(entry.resolve, entry.reject);
    }
  }

  private alone(item: T): Promise<R> {
    return this.write([item]).then((results) => results[0]!);
  }
}
