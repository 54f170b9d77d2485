import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJobsFixture, type JobsFixture } from '../jobs/testing/jobs-fixture.js';
import { EventBus, type PublishedEvent } from './event-bus.js';
import { listEvents } from './event.store.js';

const eventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('order.paid'),
    dedupKey: z.string(),
    occurredAt: z.number(),
    data: z.object({ orderId: z.string(), amount: z.number() }),
  }),
  z.object({
    type: z.literal('order.refunded'),
    dedupKey: z.string(),
    occurredAt: z.number(),
    data: z.object({ orderId: z.string() }),
  }),
]);
type TestEvent = z.infer<typeof eventSchema>;

const paid = (orderId: string, amount = 100): TestEvent => ({
  type: 'order.paid',
  dedupKey: `shop:paid:${orderId}`,
  occurredAt: 1_764_000_000_000,
  data: { orderId, amount },
});
const refunded = (orderId: string): TestEvent => ({
  type: 'order.refunded',
  dedupKey: `shop:refunded:${orderId}`,
  occurredAt: 1_764_000_100_000,
  data: { orderId },
});

describe('event bus', () => {
  let t: JobsFixture;
  let bus: EventBus<TestEvent>;
  let seen: { subscriber: string; event: PublishedEvent<TestEvent> }[];

  const record = (subscriber: string) => async (event: PublishedEvent<TestEvent>) => {
    seen.push({ subscriber, event });
  };
  const jobs = () => t.database.db.selectFrom('jobs').selectAll().orderBy('key').execute();
  const publish = (events: TestEvent[], workspaceId = 'w1') =>
    t.database.db
      .transaction()
      .execute((trx) => bus.publish(trx, workspaceId, events, { source: 'shop' }));

  beforeEach(async () => {
    t = await createJobsFixture();
    bus = new EventBus({ db: t.database.db, jobs: t.queue, clock: t.clock, schema: eventSchema });
    seen = [];
  });
  afterEach(() => t.close());

  it('stores an event and delivers it once to each matching subscriber, typed', async () => {
    bus.subscribe('order.paid', 'loyalty.points', record('loyalty.points'));
    bus.subscribe('*', 'analytics.stream', record('analytics.stream'));
    bus.subscribe('order.refunded', 'finance.refunds', record('finance.refunds'));

    const [event] = await publish([paid('o1', 250)]);
    expect(event).toMatchObject({ type: 'order.paid', workspaceId: 'w1', source: 'shop' });
    expect((await jobs()).map((j) => [j.queue, j.key, j.workspace_id])).toEqual(
      [
        ['event.analytics.stream', `event:${event!.id}:analytics.stream`, 'w1'],
        ['event.loyalty.points', `event:${event!.id}:loyalty.points`, 'w1'],
      ].sort((a, b) => a[1]!.localeCompare(b[1]!)),
    );

    expect(await t.queue.drain()).toBe(2);
    expect(seen.map((s) => s.subscriber).sort()).toEqual(['analytics.stream', 'loyalty.points']);
    for (const { event: delivered } of seen) {
      expect(delivered).toEqual({
        type: 'order.paid',
        dedupKey: 'shop:paid:o1',
        occurredAt: 1_764_000_000_000,
        data: { orderId: 'o1', amount: 250 },
        id: event!.id,
        workspaceId: 'w1',
        source: 'shop',
        receivedAt: t.clock.now(),
      });
    }
  });

  it('treats a duplicate dedup key as a no-op: one event, one delivery per subscriber', async () => {
    bus.subscribe('order.paid', 'loyalty.points', record('loyalty.points'));
    bus.subscribe('*', 'analytics.stream', record('analytics.stream'));

    expect(await publish([paid('o1')])).toHaveLength(1);
    expect(await publish([paid('o1', 999)])).toEqual([]);
    // In one batch too, next to a new event.
    const again = await publish([paid('o1'), refunded('o1'), refunded('o1')]);
    expect(again.map((e) => e.type)).toEqual(['order.refunded']);

    expect(await listEvents(t.database.db, 'w1')).toHaveLength(2);
    expect(await jobs()).toHaveLength(3);
    await t.queue.drain();
    expect(seen.map((s) => `${s.subscriber}:${s.event.type}`).sort()).toEqual([
      'analytics.stream:order.paid',
      'analytics.stream:order.refunded',
      'loyalty.points:order.paid',
    ]);
    expect(seen.find((s) => s.event.type === 'order.paid')?.event.data).toEqual({
      orderId: 'o1',
      amount: 100,
    });
  });

  it('enqueues no delivery for an event the subscriber does not accept', async () => {
    bus.subscribe('order.paid', 'loyalty.points', record('loyalty.points'), {
      accepts: (event) => event.data.amount > 0,
    });
    bus.subscribe('*', 'analytics.stream', record('analytics.stream'));
    await publish([paid('o1', 0), paid('o2', 5), refunded('o1')]);
    expect((await jobs()).map((j) => j.queue).sort()).toEqual([
      'event.analytics.stream',
      'event.analytics.stream',
      'event.analytics.stream',
      'event.loyalty.points',
    ]);
    await t.queue.drain();
    expect(seen.filter((s) => s.subscriber === 'loyalty.points').map((s) => s.event.data)).toEqual([
      { orderId: 'o2', amount: 5 },
    ]);
  });

  it('keeps dedup keys per workspace', async () => {
    bus.subscribe('*', 'analytics.stream', record('analytics.stream'));
    await publish([paid('o1')], 'w1');
    await publish([paid('o1')], 'w2');
    await t.queue.drain();
    expect(seen.map((s) => s.event.workspaceId).sort()).toEqual(['w1', 'w2']);
  });

  it('retries a failing subscriber alone, without re-running the others', async () => {
    let failuresLeft = 2;
    bus.subscribe('order.paid', 'loyalty.points', record('loyalty.points'));
    bus.subscribe('order.paid', 'crm.sync', async (event) => {
      if (failuresLeft-- > 0) throw new Error('CRM is down');
      seen.push({ subscriber: 'crm.sync', event });
    });

    await publish([paid('o1')]);
    expect(await t.queue.drain()).toBe(2);
    expect(seen.map((s) => s.subscriber)).toEqual(['loyalty.points']);
    const failing = (await jobs()).find((j) => j.queue === 'event.crm.sync')!;
    expect(failing).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failing.last_error).toContain('CRM is down');

    for (let i = 0; i < 2; i++) {
      t.clock.advance(3_600_000);
      await t.queue.drain();
    }
    expect(seen.map((s) => s.subscriber)).toEqual(['loyalty.points', 'crm.sync']);
    const byQueue = Object.fromEntries((await jobs()).map((j) => [j.queue, j]));
    expect(byQueue['event.crm.sync']).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(byQueue['event.loyalty.points']).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('leaves no event and no delivery when the publishing transaction rolls back', async () => {
    bus.subscribe('*', 'analytics.stream', record('analytics.stream'));
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await bus.publish(trx, 'w1', [paid('o1')]);
        throw new Error('the callback could not be stored');
      }),
    ).rejects.toThrow('could not be stored');
    expect(await listEvents(t.database.db, 'w1')).toEqual([]);
    expect(await jobs()).toEqual([]);
    // The same event can be published again afterwards.
    expect(await publish([paid('o1')])).toHaveLength(1);
  });

  it('does not deliver events published before a subscriber was added', async () => {
    bus.subscribe('*', 'analytics.stream', record('analytics.stream'));
    await publish([paid('o1')]);
    bus.subscribe('*', 'late.joiner', record('late.joiner'));
    await publish([paid('o2')]);
    await t.queue.drain();
    expect(seen.map((s) => `${s.subscriber}:${s.event.data.orderId}`).sort()).toEqual([
      'analytics.stream:o1',
      'analytics.stream:o2',
      'late.joiner:o2',
    ]);
  });

  it('delivers at once after commit to an immediate subscriber', async () => {
    bus.subscribe('order.paid', 'welcome.sender', record('welcome.sender'), { immediate: true });
    const delivered = new Promise<void>((resolve) => {
      t.queue.onSettled(() => resolve());
    });
    await t.queue.transaction((trx) => bus.publish(trx, 'w1', [paid('o1')]));
    await delivered;
    expect(seen.map((s) => s.subscriber)).toEqual(['welcome.sender']);
  });

  it('rejects duplicate and malformed subscriber names', () => {
    bus.subscribe('*', 'analytics.stream', record('analytics.stream'));
    expect(() => bus.subscribe('*', 'analytics.stream', record('x'))).toThrow(/already/);
    expect(() => bus.subscribe('*', 'Bad Name', record('x'))).toThrow(/must match/);
    expect(bus.subscriberNames('order.paid')).toEqual(['analytics.stream']);
  });

  it('dead-letters a delivery whose stored event no longer matches the catalog', async () => {
    bus.subscribe('*', 'analytics.stream', record('analytics.stream'));
    const [event] = await publish([paid('o1')]);
    await t.database.db
      .updateTable('domain_event')
      .set({ data: '{"orderId":1}' })
      .where('id', '=', event!.id)
      .execute();
    await t.queue.drain();
    expect(seen).toEqual([]);
    const [job] = await jobs();
    expect(job).toMatchObject({ status: 'dead' });
    expect(job!.last_error).toContain('does not match the catalog');
  });
});
