import type { ApiFaultRule, FaultSettings } from '../state/faults.js';
import { SeededRandom } from './rng.js';

export interface ApiFault {
  latencyMs: number;
  errcode: number | null;
}

function matches(rule: ApiFaultRule, path: string): boolean {
  if (rule.path === '*') return true;
  if (rule.path.endsWith('*')) return path.startsWith(rule.path.slice(0, -1));
  return rule.path === path;
}

/**
 * Decides which calls fail and which callbacks are duplicated or reordered. Decisions come
 * from two seeded streams (API calls, callbacks), restarted whenever the settings change, so
 * the same sequence of calls meets the same faults.
 */
export class FaultInjector {
  private api!: SeededRandom;
  private callbacks!: SeededRandom;

  constructor(private readonly settings: () => FaultSettings) {
    this.restart();
  }

  restart(): void {
    const seed = this.settings().seed;
    this.api = new SeededRandom(`${seed}:api`);
    this.callbacks = new SeededRandom(`${seed}:callbacks`);
  }

  forApiCall(path: string): ApiFault {
    let latencyMs = 0;
    let errcode: number | null = null;
    for (const rule of this.settings().api) {
      if (!matches(rule, path)) continue;
      latencyMs = Math.max(latencyMs, rule.latencyMs ?? 0);
      if (errcode === null && rule.errcode !== undefined && rule.rate > 0) {
        if (this.api.next() < rule.rate) errcode = rule.errcode;
      }
    }
    return { latencyMs, errcode };
  }

  duplicateCallback(): boolean {
    const rate = this.settings().callbacks.duplicateRate;
    return rate > 0 && this.callbacks.next() < rate;
  }

  reorderCallback(): boolean {
    const rate = this.settings().callbacks.reorderRate;
    return rate > 0 && this.callbacks.next() < rate;
  }
}
