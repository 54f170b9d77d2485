import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../testing/sandboxed-app.js';
import type { TagGroup } from './tag.schemas.js';
import { pullCorpTags } from './wecom-tags.pull.js';
import {
  call,
  inWecom,
  personTagEventCount,
  pushedCallbacks,
  settleAll,
  tagsOf,
  tagSyncFixture,
  type TagSyncFixture,
} from './wecom-tags.testing.js';

/**
 * Customers' corp tags kept in sync both ways: Siyu's changes as mark_tag (no callback), an
 * employee's in the WeCom client as edit_external_contact (the sandbox's control API).
 */
describe("customers' corp tags sync with WeCom", () => {
  let t: SandboxedTestApp;
  let f: TagSyncFixture;
  let tagIds: Map<string, { id: string; wecomTagId: string }>;

  // WeCom callbacks carry whole seconds, and two identical ones in a second are one (a
  // redelivery): each step here happens a second after the last, as an operator's would.
  let wecomClock: ManualClock;

  beforeEach(async () => {
    wecomClock = new ManualClock(Date.now());
    t = await createSandboxedTestApp({ sandbox: { clock: wecomClock } });
    f = await tagSyncFixture(t);
    await pullCorpTags(f.ctx, f.ws);
    const { json } = await call<{ items: TagGroup[] }>(f, 'GET', '/tag-groups');
    tagIds = new Map(
      json.items
        .flatMap((g) => g.tags)
        .map((x) => [x.name, { id: x.id, wecomTagId: x.wecomTagId! }]),
    );
  });
  afterEach(() => t.close());

  /** A new WeChat user who adds these employees in WeCom; their Siyu person id. */
  async function newCustomer(...employees: string[]) {
    const created = await t.control('POST', '/sandbox/customers', {});
    const customer = created.json.id as string;
    let external = '';
    for (const userid of employees) {
      const res = await t.control('POST', `/sandbox/customers/${customer}/add-contact`, { userid });
      expect(res.status).toBe(200);
      external = res.json.externalUserid as string;
    }
    await settleAll(t);
    wecomClock.advance(1000);
    const follow = await t.database.db
      .selectFrom('follow')
      .select('person_id')
      .where('workspace_id', '=', f.ws)
      .where('external_user_id', '=', external)
      .executeTakeFirstOrThrow();
    return { personId: follow.person_id, external };
  }

  /** The WeCom tag names on the sandbox friendship (employee, customer). */
  const wecomTagsOf = (external: string, userid: string) => {
    const byId = new Map(
      f
        .corp()
        .tagGroups.flatMap((g) => g.tag)
        .map((x) => [x.id, x.name]),
    );
    return f
      .corp()
      .follows[external]![userid]!.tag_id.map((id) => byId.get(id))
      .sort();
  };

  /** The WeCom tag ids Siyu stored on its follows of the customer, by employee. */
  const siyuFollowTags = async (external: string) =>
    (
      await t.database.db
        .selectFrom('follow')
        .select('wecom_tag_ids')
        .where('workspace_id', '=', f.ws)
        .where('external_user_id', '=', external)
        .orderBy('employee_user_id')
        .execute()
    ).map((r) => JSON.parse(r.wecom_tag_ids) as string[]);

  it('marks a tag added or removed in Siyu on every active follow, without echo events', async () => {
    const { personId, external } = await newCustomer('zhangwei', 'liuna');
    const before = await personTagEventCount(f);

    const added = await call(f, 'POST', `/customers/${personId}/tags`, {
      add: [tagIds.get('VIP')!.id],
    });
    expect(added.status).toBe(200);
    await settleAll(t);
    wecomClock.advance(1000);
    expect(wecomTagsOf(external, 'zhangwei')).toEqual(['VIP']);
    expect(wecomTagsOf(external, 'liuna')).toEqual(['VIP']);
    // WeCom sends no callback about our marks; Siyu recorded them on its follows itself.
    expect(pushedCallbacks(f, 'change_external_contact/edit')).toEqual([]);
    expect(await siyuFollowTags(external)).toEqual([
      [tagIds.get('VIP')!.wecomTagId],
      [tagIds.get('VIP')!.wecomTagId],
    ]);
    expect(await tagsOf(f, personId)).toEqual(['VIP/manual']);
    expect(await personTagEventCount(f)).toBe(before + 1);

    await call(f, 'POST', `/customers/${personId}/tags`, { remove: [tagIds.get('VIP')!.id] });
    await settleAll(t);
    wecomClock.advance(1000);
    expect(wecomTagsOf(external, 'zhangwei')).toEqual([]);
    expect(wecomTagsOf(external, 'liuna')).toEqual([]);
    expect(await siyuFollowTags(external)).toEqual([[], []]);
    expect(await tagsOf(f, personId)).toEqual([]);
    expect(await personTagEventCount(f)).toBe(before + 2);
  });

  it('takes tags an employee marks in the WeCom client onto the customer (the union of their follows)', async () => {
    const { personId, external } = await newCustomer('zhangwei', 'liuna');
    const before = await personTagEventCount(f);
    const online = tagIds.get('线上')!;

    await inWecom(f, 'POST', `/sandbox/employees/zhangwei/customers/${external}/tags`, {
      add: [online.wecomTagId],
    });
    await inWecom(f, 'POST', `/sandbox/employees/liuna/customers/${external}/tags`, {
      add: [online.wecomTagId],
    });
    await settleAll(t);
    wecomClock.advance(1000);
    expect(await tagsOf(f, personId)).toEqual(['线上/wecom']);
    expect(await personTagEventCount(f)).toBe(before + 1);
    // Not pushed back: liuna's follow is as she left it.
    expect(wecomTagsOf(external, 'liuna')).toEqual(['线上']);

    // One employee removes it: the other still has it on the customer.
    await inWecom(f, 'POST', `/sandbox/employees/zhangwei/customers/${external}/tags`, {
      remove: [online.wecomTagId],
    });
    await settleAll(t);
    wecomClock.advance(1000);
    expect(await tagsOf(f, personId)).toEqual(['线上/wecom']);
    await inWecom(f, 'POST', `/sandbox/employees/liuna/customers/${external}/tags`, {
      remove: [online.wecomTagId],
    });
    await settleAll(t);
    wecomClock.advance(1000);
    expect(await tagsOf(f, personId)).toEqual([]);
    expect(await personTagEventCount(f)).toBe(before + 2);
    expect(wecomTagsOf(external, 'zhangwei')).toEqual([]);
  });

  it('marks a corp tag created in Siyu once WeCom has it, on customers tagged before', async () => {
    const { personId, external } = await newCustomer('wangfang');
    const group = await call<TagGroup>(f, 'POST', '/tag-groups', {
      name: '意向',
      source: 'corp',
      tags: ['高'],
    });
    // Tagged before the create push ran.
    await call(f, 'POST', `/customers/${personId}/tags`, { add: [group.json.tags[0]!.id] });
    await settleAll(t);
    wecomClock.advance(1000);
    expect(wecomTagsOf(external, 'wangfang')).toEqual(['高']);
    expect(await tagsOf(f, personId)).toEqual(['高/manual']);
  });
});
