import type { SandboxRules } from '../state/rules.js';

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86400_000;

/** The start (epoch ms) of the calendar day, week (Monday) or month containing `now`, in China time. */
export function periodStart(now: number, period: 'day' | 'week' | 'month'): number {
  const local = new Date(now + CHINA_OFFSET_MS);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  if (period === 'day') return midnight - CHINA_OFFSET_MS;
  if (period === 'week') {
    const sinceMonday = (local.getUTCDay() + 6) % 7;
    return midnight - sinceMonday * DAY_MS - CHINA_OFFSET_MS;
  }
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - CHINA_OFFSET_MS;
}

export function daysInMonth(now: number): number {
  const local = new Date(now + CHINA_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
}

/** How many mass messages a customer may still receive in the current period. */
export function remainingQuota(
  rules: SandboxRules,
  receipts: readonly number[],
  now: number,
): number {
  const { period, limit } = rules.massSendQuota;
  const cap = limit ?? (period === 'month' ? daysInMonth(now) : 1);
  const start = periodStart(now, period);
  const used = receipts.filter((at) => at >= start && at <= now).length;
  return Math.max(0, cap - used);
}
