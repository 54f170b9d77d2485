import type { SandboxContext } from '../core/context.js';
import type { Delivery } from '../state/platform.js';
import { deliverySummaryOf } from './views.js';

/** The answer of an action: its result plus the callbacks it pushed (awaited when asked). */
export async function withDeliveries<T extends object>(
  ctx: SandboxContext,
  wait: boolean,
  result: T,
  deliveries: Delivery[],
): Promise<T & { deliveries: ReturnType<typeof deliverySummaryOf>[] }> {
  if (wait) await ctx.pusher.waitFor(deliveries);
  return { ...result, deliveries: deliveries.map(deliverySummaryOf) };
}
