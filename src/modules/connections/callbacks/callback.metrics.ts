import type { Counter, Histogram, MetricsRegistry } from '../../../platform/metrics.js';

export const callbackChannels = ['wecom', 'oa'] as const;
export type CallbackChannel = (typeof callbackChannels)[number];

export interface CallbackMetrics {
  /** {channel, reason}: see callback-rejection.ts for the reasons. */
  rejected: Counter;
  /** {channel, outcome}: handled, unhandled, duplicate, verified (URL handshakes). */
  accepted: Counter;
  /** {channel}: seconds from routing to the answer, for accepted callbacks. */
  duration: Histogram;
}

export function callbackMetrics(registry: MetricsRegistry): CallbackMetrics {
  return {
    rejected: registry.counter(
      'siyu_callbacks_rejected_total',
      'WeChat callbacks refused before anything was stored, by channel and reason',
    ),
    accepted: registry.counter(
      'siyu_callbacks_accepted_total',
      'WeChat callbacks acknowledged, by channel and outcome',
    ),
    duration: registry.histogram(
      'siyu_callback_duration_seconds',
      'Time to verify, decrypt, store and acknowledge an accepted callback',
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    ),
  };
}
