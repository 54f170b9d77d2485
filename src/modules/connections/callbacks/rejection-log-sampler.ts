/**
 * Bounds the log lines refused callbacks cause: anyone can send forged requests at any rate,
 * and each would otherwise be one `warn` line. Per key (channel and reason), the first
 * `perSecond` refusals of each second are logged; the rest are only counted, and the next
 * line logged for that key says how many went unlogged before it. The rejection metric still
 * counts every refusal.
 */
export class RejectionLogSampler {
  private second = -1;
  private readonly logged = new Map<string, number>();
  private readonly unlogged = new Map<string, number>();

  constructor(
    private readonly perSecond = 20,
    private readonly now: () => number = Date.now,
  ) {}

  /** Undefined: do not log this one. Otherwise: log it, with how many were left out before it. */
  admit(key: string): { unlogged: number } | undefined {
    const second = Math.floor(this.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.logged.clear();
    }
    const count = this.logged.get(key) ?? 0;
    if (count >= this.perSecond) {
      this.unlogged.set(key, (this.unlogged.get(key) ?? 0) + 1);
      return undefined;
    }
    this.logged.set(key, count + 1);
    const unlogged = this.unlogged.get(key) ?? 0;
    if (unlogged > 0) this.unlogged.delete(key);
    return { unlogged };
  }
}
