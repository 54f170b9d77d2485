import { beforeAll, describe, expect, it } from 'vitest';
import { assignTo } from './customer-list.testing.js';
import type { TimelineEvent } from './customer.schemas.js';
import { id, inTransaction, usePeopleApi } from './people.testing.js';
import { recordPersonEvents, type PersonEventInput } from './timeline.service.js';

describe('timeline', () => {
  const api = usePeopleApi();
  let person: string;
  const base = Date.UTC(2026, 10, 1);

  beforeAll(async () => {
    const { f } = api;
    person = (await f.resolve([id.external('wmTimeline')])).personId!;
    await assignTo(f, api.agent, person); // agents see their own customers only
  });

  const record = (events: Omit<PersonEventInput, 'source'>[]) =>
    inTransaction(api.f, (trx) =>
      recordPersonEvents(
        trx,
        api.f.ctx,
        api.f.workspaceId,
        events.map((e) => ({ source: 'test', ...e })),
      ),
    );

  it('appends events once per dedup key and pages them newest first', async () => {
    const { f, agent } = api;
    const types = ['contact.added', 'message.sent', 'oa.followed', 'message.sent', 'order.paid'];
    const first = await record(
      types.map((type, i) => ({
        personId: person,
        type,
        occurredAt: base + i * 60_000,
        dedupKey: `fact-${i}`,
        properties: { i },
      })),
    );
    expect(first.stored).toHaveLength(5);
    // The same facts again (a re-delivered callback): nothing new.
    const again = await record([
      { personId: person, type: 'contact.added', occurredAt: base, dedupKey: 'fact-0' },
    ]);
    expect(again.stored).toEqual([]);
    // Out of order: an older fact arriving late still sorts by when it happened.
    await record([
      { personId: person, type: 'contact.updated', occurredAt: base - 1, dedupKey: 'late' },
    ]);

    const page = async (query: string) => {
      const res = await agent.inject({
        method: 'GET',
        url: `/api/workspaces/default/customers/${person}/timeline?${query}`,
      });
      expect(res.statusCode).toBe(200);
      return res.json() as { items: TimelineEvent[]; nextCursor: string | null };
    };
    const p1 = await page('limit=4');
    expect(p1.items.map((e) => e.type)).toEqual([
      'order.paid',
      'message.sent',
      'oa.followed',
      'message.sent',
    ]);
    expect(p1.items[0]).toMatchObject({
      properties: { i: 4 },
      source: 'test',
      occurredAt: new Date(base + 240_000).toISOString(),
    });
    const p2 = await page(`limit=4&before=${p1.nextCursor}`);
    expect(p2.items.map((e) => e.type)).toEqual(['contact.added', 'contact.updated']);
    expect(p2.nextCursor).toBeNull();
    const messages = await page('types=message.sent,order.paid');
    expect(messages.items.map((e) => e.type)).toEqual([
      'order.paid',
      'message.sent',
      'message.sent',
    ]);

    expect(await f.ctx.timeline.countByType(f.workspaceId, { personId: person })).toEqual({
      'contact.added': 1,
      'contact.updated': 1,
      'message.sent': 2,
      'oa.followed': 1,
      'order.paid': 1,
    });
    expect(
      await f.ctx.timeline.countByType(f.workspaceId, {
        types: ['message.sent'],
        from: base + 60_000,
        to: base + 180_000,
      }),
    ).toEqual({ 'message.sent': 1 });
  });

  it('skips unknown persons and rejects malformed types', async () => {
    const { f, agent } = api;
    const result = await record([
      { personId: f.workspaceId, type: 'contact.added', occurredAt: base },
      { personId: person, type: 'note.added', occurredAt: base },
    ]);
    expect(result.stored).toHaveLength(1);
    expect(result.skipped).toEqual([{ index: 0, reason: 'unknown person' }]);
    await expect(
      record([{ personId: person, type: 'Bad Type', occurredAt: base }]),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    const missing = await agent.inject({
      method: 'GET',
      url: `/api/workspaces/default/customers/${f.workspaceId}/timeline`,
    });
    expect(missing.statusCode).toBe(404);
  });
});
