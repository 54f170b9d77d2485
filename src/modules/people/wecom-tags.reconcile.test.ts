import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import {
  corpId,
  id,
  inTransaction,
  peopleFixture,
  systemActing,
  tagPerson,
  type PeopleFixture,
} from './people.testing.js';
import { createTag, createTagGroup } from './tag.service.js';
import { undoMerge } from './unmerge.service.js';
import { systemActor } from '../workspace/actor.js';
import { reconcilePersonWecomTags } from './wecom-tags.reconcile.js';
import { pullQueue } from './wecom-tags.queues.js';
import { insertTestFollow, tagNamesOf } from './wecom-tags.testing.js';

let t: TestApp;
let f: PeopleFixture;

beforeEach(async () => {
  t = await createTestApp();
  f = await peopleFixture(t);
});
afterEach(() => t.close());

async function corpTags(names: Record<string, string>) {
  const group = await createTagGroup(f.ctx, systemActing(f), {
    name: 'Level',
    source: 'corp',
    wecomGroupId: 'etGROUP',
  });
  const ids: Record<string, string> = {};
  for (const [name, wecomTagId] of Object.entries(names)) {
    ids[name] = (await createTag(f.ctx, systemActing(f), group.id, { name, wecomTagId })).id;
  }
  return ids;
}

const addFollow = (
  personId: string,
  employee: string,
  wecomTagIds: string[],
  status: 'active' | 'removed_by_customer' = 'active',
) =>
  insertTestFollow(f.ctx.db, {
    workspaceId: f.workspaceId,
    personId,
    corpId,
    employeeUserId: employee,
    externalUserId: `wm${personId.slice(-8)}`,
    wecomTagIds,
    at: t.clock.now(),
    status,
  });

const reconcile = (personIds: string[]) =>
  inTransaction(f, (trx) => reconcilePersonWecomTags(trx, f.ctx, f.workspaceId, personIds));

const tagsOf = (personId: string) => tagNamesOf(f.ctx.db, f.workspaceId, personId);

const tagEvents = () =>
  f.ctx.db
    .selectFrom('domain_event')
    .select(['type', 'data'])
    .where('type', 'in', ['person.tag_added', 'person.tag_removed'])
    .orderBy('id')
    .execute();

describe('reconcilePersonWecomTags', () => {
  it("makes a person's corp tags the union of their active follows' tags, source wecom", async () => {
    const tags = await corpTags({ VIP: 'etVIP', Lead: 'etLEAD', Cold: 'etCOLD' });
    const personId = (await f.resolve([id.external('wmA')])).personId!;
    await tagPerson(f, personId, [tags.Cold!]);
    await addFollow(personId, 'alice', ['etVIP']);
    await addFollow(personId, 'bob', ['etVIP', 'etLEAD']);
    await addFollow(personId, 'carol', ['etCOLD'], 'removed_by_customer');
    await t.jobs.drain();
    const before = (await tagEvents()).length;

    await reconcile([personId]);

    expect(await tagsOf(personId)).toEqual(['Lead/wecom', 'VIP/wecom']);
    const events = (await tagEvents()).slice(before);
    expect(events.map((e) => e.type).sort()).toEqual([
      'person.tag_added',
      'person.tag_added',
      'person.tag_removed',
    ]);
    expect(events.every((e) => (JSON.parse(e.data) as { source: string }).source === 'wecom')).toBe(
      true,
    );

    // Nothing changed: nothing happens.
    await reconcile([personId]);
    expect((await tagEvents()).length).toBe(before + 3);
  });

  it('leaves local tags alone', async () => {
    const tags = await corpTags({ VIP: 'etVIP' });
    const local = await createTagGroup(f.ctx, systemActing(f), { name: 'Mine', tags: ['Fan'] });
    const personId = (await f.resolve([id.external('wmB')])).personId!;
    await tagPerson(f, personId, [local.tags[0]!.id]);
    await addFollow(personId, 'alice', ['etVIP']);
    await reconcile([personId]);
    expect(await tagsOf(personId)).toEqual(['Fan/manual', 'VIP/wecom']);
    expect(tags.VIP).toBeDefined();
  });

  it('keeps a local change that is not yet marked on WeCom', async () => {
    const tags = await corpTags({ VIP: 'etVIP' });
    const personId = (await f.resolve([id.external('wmC')])).personId!;
    await addFollow(personId, 'alice', []);
    await tagPerson(f, personId, [tags.VIP!]);
    // A reconcile before the push ran (e.g. another follow change) keeps the newer local tag.
    await reconcile([personId]);
    expect(await tagsOf(personId)).toEqual(['VIP/manual']);
  });

  it('keeps corp tags not created in WeCom yet', async () => {
    const tags = await corpTags({ VIP: 'etVIP' });
    const group = await createTagGroup(f.ctx, systemActing(f), {
      name: 'New',
      source: 'corp',
      tags: ['Fresh'],
    });
    const personId = (await f.resolve([id.external('wmE')])).personId!;
    await addFollow(personId, 'alice', ['etVIP']);
    await tagPerson(f, personId, [group.tags[0]!.id]);
    await t.jobs.drain(); // the mark delivery ran (nothing to mark yet)
    await reconcile([personId]);
    expect(await tagsOf(personId)).toEqual(['Fresh/manual', 'VIP/wecom']);
    expect(tags.VIP).toBeDefined();
  });

  it('enqueues one pull for tag ids not known yet', async () => {
    await corpTags({ VIP: 'etVIP' });
    const personId = (await f.resolve([id.external('wmD')])).personId!;
    await addFollow(personId, 'alice', ['etVIP', 'etNEW']);
    await reconcile([personId]);
    await reconcile([personId]);
    expect(await tagsOf(personId)).toEqual(['VIP/wecom']);
    const jobs = await f.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('queue', '=', pullQueue)
      .execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload)).toEqual({ reconcilePersonIds: [personId] });
  });
});

describe('corp tags after an undone merge', () => {
  it('are again the union of each person’s own active follows', async () => {
    await corpTags({ W1: 'etW1', W2: 'etW2' });
    const a = (await f.resolve([id.oa('oA')])).personId!;
    const b = (await f.resolve([id.external('wmB')])).personId!;
    await addFollow(b, 'alice', ['etW1']);
    await reconcile([b]);
    const merged = await f.resolve([id.oa('oA'), id.external('wmB')]);
    expect(merged.mergeIds).toHaveLength(1);
    // While merged, the follow gains W2: the merged person gets T2.
    await f.ctx.db
      .updateTable('follow')
      .set({ wecom_tag_ids: JSON.stringify(['etW1', 'etW2']) })
      .where('workspace_id', '=', f.workspaceId)
      .where('home_person_id', '=', b)
      .execute();
    await reconcile([a]);
    expect(await tagsOf(a)).toEqual(['W1/wecom', 'W2/wecom']);

    await inTransaction(f, (trx) =>
      undoMerge(trx, f.ctx, {
        workspaceId: f.workspaceId,
        mergeId: merged.mergeIds[0]!,
        by: systemActor,
      }),
    );
    expect(await tagsOf(a)).toEqual([]);
    expect(await tagsOf(b)).toEqual(['W1/wecom', 'W2/wecom']);
  });
});
