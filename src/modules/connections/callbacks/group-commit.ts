/**
 * Group commit: items that arrive together are written by one transaction instead of one
 * transaction each, and every caller is answered only after that transaction committed.
 *
 * The first item waits for the end of the current event-loop turn (`setImmediate`), so the
 * requests read in the same turn share its transaction; items arriving while a transaction
 * is in flight form the next one. Nothing is delayed by a timer: a lone item is written at
 * once. When a shared transaction fails, no caller can be blamed, so each of its items is
 * written again alone and only the failing one fails; a transaction of one item fails as is.
 */
export class GroupCommit<T, R> {
  private queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(
    /** Writes the items in one transaction; returns one result per item, in order. */
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxItems = 200,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    const alone = (item: T) => this.write([item]).then((results) => results[0]!);
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxItems);
      try {
        const results = await this.write(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => entry.resolve(results[i]!));
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(error);
        else for (const entry of batch) await alone(entry.item).then(entry.resolve, entry.reject);
      }
    }
    this.running = false;
  }
}
