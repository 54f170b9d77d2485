import { z } from 'zod';

/**
 * Every domain event has the same envelope: a `type` from the catalog, the `dedupKey` that
 * makes re-deliveries of the same platform callback collapse into one event, the time it
 * happened on the platform (epoch ms) and the event's own `data`.
 */
export function defineEvent<const T extends string, D extends z.ZodObject>(type: T, data: D) {
  return z.object({
    type: z.literal(type),
    dedupKey: z.string().min(1),
    occurredAt: z.number().int().nonnegative(),
    data,
  });
}

/** An identifier issued by a platform: opaque, exact, never empty. */
export const platformId = z.string().min(1);
