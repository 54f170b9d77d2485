import type { ContactFact } from './follow.service.js';
import { applyContactAdded, applyContactRemoved } from './follow.service.js';
import { enqueueContactDetails } from './follow.jobs.js';
import { raiseLossAlert } from './loss-alert.service.js';
import type { PeopleContext } from './people.context.js';

interface ContactEventLike {
  id: string;
  type: string;
  workspaceId: string;
  occurredAt: number;
  data: { corpId: string; employeeUserId: string; externalUserId: string };
}

const factOf = (event: ContactEventLike, extra: Partial<ContactFact> = {}): ContactFact => ({
  eventId: event.id,
  type: event.type,
  occurredAt: event.occurredAt,
  corpId: event.data.corpId,
  employeeUserId: event.data.employeeUserId,
  externalUserId: event.data.externalUserId,
  ...extra,
});

/**
 * WeCom contact events → follows, persons, timeline, loss alerts. Each delivery runs in one
 * transaction and is idempotent (follow.last_event_at orders late and duplicate events;
 * timeline events and alerts have keys; jobs have keys per event).
 */
export function registerContactSubscribers(ctx: PeopleContext): void {
  const { bus, jobs } = ctx;

  bus.subscribe(['contact.added', 'contact.updated'], 'people.contacts', async (event) => {
    const { workspaceId } = event;
    await jobs.transaction(async (trx) => {
      if (event.type === 'contact.added') {
        const { state, half } = event.data;
        const properties = { ...(half ? { half } : {}) };
        const fact = factOf(event, { state, properties });
        if (!(await applyContactAdded(trx, ctx, workspaceId, fact))) return;
      }
      await enqueueContactDetails(trx, ctx, workspaceId, {
        corpId: event.data.corpId,
        externalUserId: event.data.externalUserId,
        reason: event.id,
      });
    });
  });

  bus.subscribe('contact.removed_by_customer', 'people.contact_losses', async (event) => {
    await jobs.transaction(async (trx) => {
      const outcome = await applyContactRemoved(
        trx,
        ctx,
        event.workspaceId,
        factOf(event),
        'removed_by_customer',
      );
      if (outcome?.applied) await raiseLossAlert(trx, ctx, outcome.follow, event.occurredAt);
    });
  });

  bus.subscribe('contact.removed_by_employee', 'people.contact_removals', async (event) => {
    const { source } = event.data;
    const properties = source ? { removedBy: source } : {};
    await jobs.transaction((trx) =>
      applyContactRemoved(
        trx,
        ctx,
        event.workspaceId,
        factOf(event, { properties }),
        'removed_by_employee',
      ),
    );
  });
}
