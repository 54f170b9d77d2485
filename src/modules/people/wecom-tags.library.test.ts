import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../testing/sandboxed-app.js';
import type { TagGroup } from './tag.schemas.js';
import { pullCorpTags } from './wecom-tags.pull.js';
import { pushTagChange } from './wecom-tags.push.js';
import {
  call,
  customerOf,
  inWecom,
  localLibrary,
  pushedCallbacks,
  remoteLibrary,
  settleAll,
  tagsOf,
  tagSyncFixture,
  type TagSyncFixture,
} from './wecom-tags.testing.js';

/**
 * The corp tag library kept in sync both ways: Siyu's changes through the API (which fires no
 * callback), WeCom's through the sandbox's control API (which pushes change_external_tag).
 */
describe('corp tag library sync with WeCom', () => {
  let t: SandboxedTestApp;
  let f: TagSyncFixture;

  beforeEach(async () => {
    t = await createSandboxedTestApp();
    f = await tagSyncFixture(t);
  });
  afterEach(() => t.close());

  const star = (lib: string[]) => lib.map((g) => g.replace(/: /, '*: ').replace(/(, |$)/g, '*$1'));
  const groups = async () =>
    (await call<{ items: TagGroup[] }>(f, 'GET', '/tag-groups')).json.items;
  const issues = async () =>
    (
      await call<{ items: { kind: string; name: string; tagId: string | null }[] }>(
        f,
        'GET',
        '/tag-sync-issues',
      )
    ).json.items;

  it('pulls the corp tag library with WeCom ids, names and order; a second pull changes nothing', async () => {
    const first = await pullCorpTags(f.ctx, f.ws);
    expect(first).toMatchObject({ groups: 2, tags: 4, created: 6, updated: 0, deleted: 0 });
    expect(await localLibrary(f)).toEqual(star(remoteLibrary(f)));
    const level = (await groups()).find((g) => g.name === '客户等级')!;
    const remote = f.corp().tagGroups.find((g) => g.group_name === '客户等级')!;
    expect(level).toMatchObject({
      source: 'corp',
      wecomGroupId: remote.group_id,
      order: remote.order,
    });
    expect(level.tags.map((x) => [x.name, x.wecomTagId, x.order])).toEqual(
      expect.arrayContaining(remote.tag.map((x) => [x.name, x.id, x.order])),
    );
    expect(await pullCorpTags(f.ctx, f.ws)).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it('follows tags created, renamed and deleted in WeCom (change_external_tag callbacks)', async () => {
    await pullCorpTags(f.ctx, f.ws);
    const person = await customerOf(f, Object.keys(f.corp().follows)[0]!);
    const created = await inWecom<{ groupId: string; tagIds: string[] }>(
      f,
      'POST',
      '/sandbox/corp-tags',
      { groupName: '兴趣', tags: [{ name: '跑步' }, { name: '读书', order: 3 }] },
    );
    await settleAll(t);
    expect(await localLibrary(f)).toContain('兴趣*: 读书*, 跑步*');

    await inWecom(f, 'PATCH', `/sandbox/corp-tags/${created.tagIds[0]}`, { name: '马拉松' });
    await inWecom(f, 'PATCH', `/sandbox/corp-tags/${created.groupId}`, { name: '爱好' });
    await settleAll(t);
    expect(await localLibrary(f)).toContain('爱好*: 读书*, 马拉松*');

    // A tag on a customer, then deleted in WeCom: gone from Siyu and from the customer.
    const vip = f
      .corp()
      .tagGroups.flatMap((g) => g.tag)
      .find((x) => x.name === 'VIP')!;
    const vipId = (await groups()).flatMap((g) => g.tags).find((x) => x.name === 'VIP')!.id;
    await call(f, 'POST', `/customers/${person}/tags`, { add: [vipId] });
    await settleAll(t);
    await inWecom(f, 'DELETE', `/sandbox/corp-tags/${vip.id}`);
    await inWecom(f, 'DELETE', `/sandbox/corp-tags/${created.groupId}`);
    await settleAll(t);
    const lib = await localLibrary(f);
    expect(lib.some((g) => g.includes('VIP') || g.startsWith('爱好'))).toBe(false);
    expect(lib).toEqual(star(remoteLibrary(f)));
    expect(await tagsOf(f, person)).not.toContain('VIP/manual');
  });

  it('creates, renames and deletes corp tags made in Siyu in WeCom, without echoes', async () => {
    await pullCorpTags(f.ctx, f.ws);
    const res = await call<TagGroup>(f, 'POST', '/tag-groups', {
      name: '会员',
      source: 'corp',
      tags: ['金卡', '银卡'],
    });
    expect(res.status).toBe(201);
    const local = await call(f, 'POST', '/tag-groups', { name: '内部', tags: ['测试'] });
    expect(local.status).toBe(201);
    await settleAll(t);
    expect(remoteLibrary(f)).toContain('会员: 金卡, 银卡');
    expect(remoteLibrary(f).some((g) => g.startsWith('内部'))).toBe(false); // local tags stay local
    expect(await localLibrary(f)).toEqual(star(remoteLibrary(f)));

    const added = await call<{ id: string }>(f, 'POST', `/tag-groups/${res.json.id}/tags`, {
      name: '钻石卡',
    });
    const gold = res.json.tags.find((x) => x.name === '金卡')!;
    await call(f, 'PATCH', `/tags/${gold.id}`, { name: '黑金卡' });
    await call(f, 'PATCH', `/tag-groups/${res.json.id}`, { name: '会员等级' });
    await settleAll(t);
    expect(remoteLibrary(f)).toContain('会员等级: 钻石卡, 银卡, 黑金卡');
    expect(await localLibrary(f)).toEqual(star(remoteLibrary(f)));

    await call(f, 'DELETE', `/tags/${added.json.id}`);
    await settleAll(t);
    expect(remoteLibrary(f)).toContain('会员等级: 银卡, 黑金卡');
    await call(f, 'DELETE', `/tag-groups/${res.json.id}`);
    await settleAll(t);
    expect(remoteLibrary(f).some((g) => g.startsWith('会员'))).toBe(false);
    expect(await localLibrary(f)).toEqual(star(remoteLibrary(f)));
    // WeCom sent no callback about our API changes, and none were needed: Siyu stored the
    // WeCom ids itself, and nothing was duplicated or left pending.
    expect(pushedCallbacks(f, 'change_external_tag')).toEqual([]);
    const pending = await t.database.db
      .selectFrom('jobs')
      .select(['queue', 'status', 'key', 'last_error'])
      .where('status', '!=', 'succeeded')
      .execute();
    expect(pending).toEqual([]);
    expect(await issues()).toEqual([]);
  });

  it('keeps deletes and reorders made in Siyu when a pull comes before their push', async () => {
    await pullCorpTags(f.ctx, f.ws);
    const all = (await groups()).flatMap((g) => g.tags);
    const vip = all.find((x) => x.name === 'VIP')!;
    const other = all.find((x) => x.name !== 'VIP')!;
    expect((await call(f, 'DELETE', `/tags/${vip.id}`)).status).toBe(204);
    expect((await call(f, 'PATCH', `/tags/${other.id}`, { order: 77 })).status).toBe(200);
    // The pull runs first (a change_external_tag callback, a contact event naming a tag id).
    expect(await pullCorpTags(f.ctx, f.ws)).toMatchObject({ created: 0 });
    const between = (await groups()).flatMap((g) => g.tags);
    expect(between.some((x) => x.name === 'VIP')).toBe(false);
    expect(between.find((x) => x.id === other.id)?.order).toBe(77);
    await settleAll(t);
    const remote = f.corp().tagGroups.flatMap((g) => g.tag);
    expect(remote.some((x) => x.name === 'VIP')).toBe(false);
    expect(remote.find((x) => x.id === other.wecomTagId)?.order).toBe(77);
    expect(await localLibrary(f)).toEqual(star(remoteLibrary(f)));
  });

  it('links to the WeCom tag of the same name instead of failing (40071)', async () => {
    await pullCorpTags(f.ctx, f.ws);
    const level = (await groups()).find((g) => g.name === '客户等级')!;
    // An admin added 金牌 in WeCom; its callback has not been handled yet.
    const remote = await inWecom<{ tagIds: string[] }>(f, 'POST', '/sandbox/corp-tags', {
      groupId: level.wecomGroupId!,
      tags: [{ name: '金牌' }],
    });
    const mine = await call<{ id: string }>(f, 'POST', `/tag-groups/${level.id}/tags`, {
      name: '金牌',
    });
    await pushTagChange(f.ctx, f.ws, { entity: 'tag', id: mine.json.id, action: 'create' });
    const tag = (await groups()).flatMap((g) => g.tags).find((x) => x.id === mine.json.id)!;
    expect(tag.wecomTagId).toBe(remote.tagIds[0]);
    expect(await issues()).toEqual([
      expect.objectContaining({ kind: 'linked_existing', name: '金牌', tagId: mine.json.id }),
    ]);
    await settleAll(t);
    expect(remoteLibrary(f).find((g) => g.startsWith('客户等级'))).toBe(
      '客户等级: VIP, 普通, 金牌',
    );
    expect(await localLibrary(f)).toEqual(star(remoteLibrary(f)));
  });

  it('drops a tag deleted in WeCom meanwhile and shows the problem (40068)', async () => {
    await pullCorpTags(f.ctx, f.ws);
    const person = await customerOf(f, Object.keys(f.corp().follows)[0]!);
    const normal = (await groups()).flatMap((g) => g.tags).find((x) => x.name === '普通')!;
    // Deleted in WeCom; the callback was lost.
    for (const g of f.corp().tagGroups) g.tag = g.tag.filter((x) => x.id !== normal.wecomTagId);
    await call(f, 'POST', `/customers/${person}/tags`, { add: [normal.id] });
    await call(f, 'PATCH', `/tags/${normal.id}`, { name: '普通会员' });
    await settleAll(t);
    expect((await groups()).flatMap((g) => g.tags).some((x) => x.id === normal.id)).toBe(false);
    expect(await tagsOf(f, person)).not.toContain('普通会员/manual');
    expect((await issues()).map((i) => i.kind)).toContain('deleted_remotely');
    expect(await localLibrary(f)).toEqual(star(remoteLibrary(f)));
  });
});
