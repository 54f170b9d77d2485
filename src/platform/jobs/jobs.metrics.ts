import type { Counter, Histogram, MetricsRegistry } from '../metrics.js';
import { jobStatuses } from './job.js';
import { countJobsByStatus, type JobsDb } from './jobs.store.js';

export type JobOutcome = 'succeeded' | 'retried' | 'dead' | 'released' | 'lost';

export interface JobMetrics {
  processed: Counter;
  duration: Histogram;
}

/** Jobs processed by queue and outcome, their duration, and a gauge of jobs by status. */
export function registerJobMetrics(metrics: MetricsRegistry, db: JobsDb): JobMetrics {
  metrics.gauge('siyu_jobs', 'Jobs in the queue table, by status', async () => {
    const counts = new Map((await countJobsByStatus(db)).map((r) => [r.status, r.count]));
    return jobStatuses.map((status) => ({ labels: { status }, value: counts.get(status) ?? 0 }));
  });
  return {
    processed: metrics.counter(
      'siyu_jobs_processed_total',
      'Job attempts finished by this process, by queue and outcome (succeeded, retried, dead, released, lost)',
    ),
    duration: metrics.histogram(
      'siyu_job_duration_seconds',
      'Time from a job starting in this process to its outcome being recorded',
    ),
  };
}
