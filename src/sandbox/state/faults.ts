/** Fault injection settings (kept in the state so they survive a restart and show in queries). */

export interface ApiFaultRule {
  /** An exact API path (`/cgi-bin/externalcontact/send_welcome_msg`), a prefix ending in `*`, or `*`. */
  path: string;
  /** Answer with this errcode at `rate`; omit to add latency only. */
  errcode?: number;
  /** Probability in [0, 1] that a call matching the rule fails. */
  rate: number;
  /** Added delay before every matching call is answered. */
  latencyMs?: number;
}

export interface FaultSettings {
  /** Seeds the decisions, so a run with the same calls fails the same way. */
  seed: string;
  api: ApiFaultRule[];
  callbacks: {
    /** Probability that a callback is delivered twice. */
    duplicateRate: number;
    /** Probability that a callback is held back and delivered after the next one. */
    reorderRate: number;
    /** How long a held callback waits for a successor before it goes out anyway. */
    holdMs: number;
  };
}

export function noFaults(seed = 'faults'): FaultSettings {
  return { seed, api: [], callbacks: { duplicateRate: 0, reorderRate: 0, holdMs: 2000 } };
}
