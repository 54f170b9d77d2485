import { describe, expect, it } from 'vitest';
import { assignTo } from './customer-list.testing.js';
import { listEvents } from '../../platform/event-bus/event.store.js';
import type { CustomerProfile } from './customer.schemas.js';
import { id, usePeopleApi } from './people.testing.js';
import type { PersonTag, Tag, TagGroup } from './tag.schemas.js';

describe('tags', () => {
  const api = usePeopleApi();
  const { url } = api;

  it('manages tag groups and tags with tags.manage, audited', async () => {
    const { f, operator, sales, agent } = api;
    const created = await operator.inject({
      method: 'POST',
      url: url('/tag-groups'),
      payload: { name: '客户等级', tags: ['VIP', '普通'], order: 1 },
    });
    expect(created.statusCode).toBe(201);
    const group = created.json() as TagGroup;
    expect(group).toMatchObject({
      name: '客户等级',
      source: 'local',
      order: 1,
      wecomGroupId: null,
    });
    expect(group.tags.map((tag) => tag.name)).toEqual(['VIP', '普通']);

    const duplicate = await operator.inject({
      method: 'POST',
      url: url('/tag-groups'),
      payload: { name: '客户等级' },
    });
    expect(duplicate.statusCode).toBe(409);
    const denied = await sales.inject({
      method: 'POST',
      url: url('/tag-groups'),
      payload: { name: 'x' },
    });
    expect(denied.statusCode).toBe(403);

    const tag = (
      await operator.inject({
        method: 'POST',
        url: url(`/tag-groups/${group.id}/tags`),
        payload: { name: 'SVIP' },
      })
    ).json() as Tag;
    expect(tag).toMatchObject({ name: 'SVIP', groupId: group.id, source: 'local' });
    expect(
      (
        await operator.inject({
          method: 'POST',
          url: url(`/tag-groups/${group.id}/tags`),
          payload: { name: 'SVIP' },
        })
      ).statusCode,
    ).toBe(409);
    const renamed = await operator.inject({
      method: 'PATCH',
      url: url(`/tags/${tag.id}`),
      payload: { name: '超级VIP' },
    });
    expect(renamed.json()).toMatchObject({ name: '超级VIP' });
    const regrouped = await operator.inject({
      method: 'PATCH',
      url: url(`/tag-groups/${group.id}`),
      payload: { name: '等级' },
    });
    expect(regrouped.json()).toMatchObject({ name: '等级' });

    const list = await agent.inject({ method: 'GET', url: url('/tag-groups') });
    expect(
      (list.json() as { items: TagGroup[] }).items.map((g) => g.tags.map((x) => x.name)),
    ).toEqual([['VIP', '普通', '超级VIP']]);
    const actions = await f.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', 'in', ['tag', 'tag_group'])
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'tag.created',
      'tag.updated',
      'tag_group.created',
      'tag_group.updated',
    ]);
  });

  it('tags customers: published for the WeCom sync and journeys, on the timeline, audited', async () => {
    const { t, f, operator, sales, agent } = api;
    const group = (
      await operator.inject({
        method: 'POST',
        url: url('/tag-groups'),
        payload: { name: '兴趣', tags: ['咖啡', '茶'] },
      })
    ).json() as TagGroup;
    const [coffee, tea] = group.tags.map((x) => x.id) as [string, string];
    const person = (await f.resolve([id.external('wmTag')])).personId!;
    // Sales and agents see their own customers only.
    for (const client of [sales, agent]) await assignTo(f, client, person);

    const add = await sales.inject({
      method: 'POST',
      url: url(`/customers/${person}/tags`),
      payload: { add: [coffee, tea] },
    });
    expect(add.statusCode).toBe(200);
    expect((add.json() as { items: PersonTag[] }).items.map((x) => x.name).sort()).toEqual([
      '咖啡',
      '茶',
    ]);
    t.clock.advance(1000);
    // Adding again changes nothing and publishes nothing.
    await sales.inject({
      method: 'POST',
      url: url(`/customers/${person}/tags`),
      payload: { add: [coffee] },
    });
    const remove = await sales.inject({
      method: 'POST',
      url: url(`/customers/${person}/tags`),
      payload: { remove: [tea] },
    });
    expect((remove.json() as { items: PersonTag[] }).items).toEqual([
      expect.objectContaining({
        name: '咖啡',
        groupName: '兴趣',
        source: 'manual',
        addedBy: sales.info.user.email,
      }),
    ]);

    const events = [
      ...(await listEvents(f.ctx.db, f.workspaceId, { type: 'person.tag_added' })),
      ...(await listEvents(f.ctx.db, f.workspaceId, { type: 'person.tag_removed' })),
    ].filter((e) => JSON.parse(e.data).personId === person);
    expect(events.map((e) => `${e.type} ${JSON.parse(e.data).tagName}`).sort()).toEqual([
      'person.tag_added 咖啡',
      'person.tag_added 茶',
      'person.tag_removed 茶',
    ]);
    expect(JSON.parse(events[0]!.data)).toMatchObject({
      source: 'manual',
      wecomTagId: null,
      groupId: group.id,
    });

    const profile = (
      await agent.inject({ method: 'GET', url: url(`/customers/${person}`) })
    ).json() as CustomerProfile;
    expect(profile.tags.map((x) => x.name)).toEqual(['咖啡']);
    expect(profile.recentEvents.map((e) => e.type)).toEqual([
      'person.tag_removed',
      'person.tag_added',
      'person.tag_added',
    ]);

    const audit = await f.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.tags_changed')
      .execute();
    expect(
      audit.map((a) => [JSON.parse(a.before!).tags.length, JSON.parse(a.after!).tags.length]),
    ).toEqual([
      [0, 2],
      [2, 1],
    ]);

    const unknown = await sales.inject({
      method: 'POST',
      url: url(`/customers/${person}/tags`),
      payload: { add: [f.workspaceId] },
    });
    expect(unknown.statusCode).toBe(404);
    const noCustomer = await sales.inject({
      method: 'POST',
      url: url(`/customers/${group.id}/tags`),
      payload: { add: [coffee] },
    });
    expect(noCustomer.json()).toMatchObject({
      error: { code: 'not_found', message: 'Customer not found' },
    });
    expect(
      (
        await agent.inject({
          method: 'POST',
          url: url(`/customers/${person}/tags`),
          payload: { add: [tea] },
        })
      ).statusCode,
    ).toBe(403);

    // Deleting a tag removes it from everyone.
    expect(
      (await operator.inject({ method: 'DELETE', url: url(`/tags/${coffee}`) })).statusCode,
    ).toBe(204);
    const after = (
      await agent.inject({ method: 'GET', url: url(`/customers/${person}`) })
    ).json() as CustomerProfile;
    expect(after.tags).toEqual([]);
    expect(
      (await operator.inject({ method: 'DELETE', url: url(`/tag-groups/${group.id}`) })).statusCode,
    ).toBe(204);
    const groups = (await agent.inject({ method: 'GET', url: url('/tag-groups') })).json() as {
      items: TagGroup[];
    };
    expect(groups.items.map((g) => g.name)).not.toContain('兴趣');
  });
});
