import type { ApiFaultRule } from '../state/faults.js';
import type { CustomerView, DeliverySummary, ReceivedMessageView } from './control-client.js';

/** One-line renderings of control API answers (for `siyu sandbox …`). */

export function formatCustomer(c: CustomerView): string {
  const friends = c.employees.map((e) => e.userid).join(',') || '-';
  return `${c.id.padEnd(6)} ${c.nickname.padEnd(10)} unionid ${c.unionid}  OA:${c.followsOa.length > 0 ? 'yes' : 'no '}  employees:${friends}  groups:${c.groups.length}`;
}

export function formatDeliveries(
  deliveries: readonly Pick<DeliverySummary, 'event' | 'status' | 'lastError'>[] = [],
): string[] {
  return deliveries.map(
    (d) => `  callback ${d.event}: ${d.status}${d.lastError ? ` (${d.lastError})` : ''}`,
  );
}

export function formatMessage(m: ReceivedMessageView): string {
  return `${new Date(m.at).toISOString()} ${m.channel.padEnd(17)} ${m.text}${m.links.length ? `  ${m.links.join(' ')}` : ''}`;
}

export class FaultRuleSyntaxError extends Error {}

/**
 * Fault rules from the command line: `PATH=ERRCODE@RATE` (e.g. `/cgi-bin/externalcontact/*=45033@0.1`,
 * `*=-1@0.01`) for errors and `PATH=MS` for latency.
 */
export function parseFaultRules(
  errors: readonly string[],
  latencies: readonly string[],
): ApiFaultRule[] {
  const rules: ApiFaultRule[] = errors.map((spec) => {
    const match = /^(.+)=(-?\d+)@(\d*\.?\d+)$/.exec(spec);
    if (!match) throw new FaultRuleSyntaxError(`--api expects PATH=ERRCODE@RATE (got "${spec}")`);
    return { path: match[1]!, errcode: Number(match[2]), rate: Number(match[3]) };
  });
  for (const spec of latencies) {
    const match = /^(.+)=(\d+)$/.exec(spec);
    if (!match) throw new FaultRuleSyntaxError(`--latency expects PATH=MS (got "${spec}")`);
    rules.push({ path: match[1]!, rate: 0, latencyMs: Number(match[2]) });
  }
  return rules;
}
