import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { field } from '../testing/xml-shape.js';

/** Corp tag changes: through the API they fire no callback; made in WeCom they do. */
describe('corp tag callbacks', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  const pushed = async () => {
    const res = await h.control('GET', '/sandbox/deliveries?limit=100');
    return (res.json.deliveries as { event: string; plaintext: string }[]).map((d) => ({
      event: field(d.plaintext, 'Event'),
      id: field(d.plaintext, 'Id') ?? null,
      tagType: field(d.plaintext, 'TagType') ?? null,
      changeType: field(d.plaintext, 'ChangeType'),
      userid: field(d.plaintext, 'UserID') ?? null,
      external: field(d.plaintext, 'ExternalUserID') ?? null,
    }));
  };
  const pair = () => Object.values(Object.values(h.corp.follows)[0]!)[0]!;
  const tagNamed = (name: string) =>
    h.corp.tagGroups.flatMap((g) => g.tag).find((t) => t.name === name)!;

  it('pushes nothing for add_corp_tag, edit_corp_tag, del_corp_tag and mark_tag', async () => {
    const added = await h.wecom('POST', '/cgi-bin/externalcontact/add_corp_tag', {
      group_name: '兴趣',
      tag: [{ name: '跑步' }],
    });
    expect(added.errcode).toBe(0);
    const group = added.tag_group as { group_id: string; tag: { id: string }[] };
    const more = await h.wecom('POST', '/cgi-bin/externalcontact/add_corp_tag', {
      group_id: group.group_id,
      tag: [{ name: '读书' }],
    });
    expect(more.errcode).toBe(0);
    const { userid, external_userid } = pair();
    for (const [path, body] of [
      ['edit_corp_tag', { id: group.tag[0]!.id, name: '马拉松' }],
      ['edit_corp_tag', { id: group.group_id, name: '爱好' }],
      ['mark_tag', { userid, external_userid, add_tag: [group.tag[0]!.id] }],
      ['mark_tag', { userid, external_userid, remove_tag: [group.tag[0]!.id] }],
      ['del_corp_tag', { tag_id: [group.tag[0]!.id] }],
      ['del_corp_tag', { group_id: [group.group_id] }],
    ] as const) {
      expect((await h.wecom('POST', `/cgi-bin/externalcontact/${path}`, body)).errcode).toBe(0);
    }
    expect(h.corp.tagGroups.some((g) => g.group_name === '爱好')).toBe(false);
    expect(await pushed()).toEqual([]);
  });

  it('pushes change_external_tag when an admin creates, renames and deletes tags in WeCom', async () => {
    const created = await h.control('POST', '/sandbox/corp-tags', {
      groupName: '兴趣',
      tags: [{ name: '跑步' }, { name: '读书', order: 2 }],
    });
    expect(created.status).toBe(200);
    const groupId = created.json.groupId as string;
    const [run, read] = created.json.tagIds as string[];
    expect(h.corp.tagGroups.find((g) => g.group_id === groupId)!.tag.map((t) => t.name)).toEqual([
      '跑步',
      '读书',
    ]);
    const added = await h.control('POST', '/sandbox/corp-tags', {
      groupId,
      tags: [{ name: '游泳' }],
    });
    const swim = (added.json.tagIds as string[])[0]!;
    expect((await h.control('PATCH', `/sandbox/corp-tags/${run}`, { name: '马拉松' })).status).toBe(
      200,
    );
    await h.control('PATCH', `/sandbox/corp-tags/${groupId}`, { name: '爱好' });
    await h.control('DELETE', `/sandbox/corp-tags/${read}`);
    await h.control('DELETE', `/sandbox/corp-tags/${groupId}`);
    expect(h.corp.tagGroups.some((g) => g.group_id === groupId)).toBe(false);

    const tag = (id: string, tagType: string, changeType: string) => ({
      event: 'change_external_tag',
      id,
      tagType,
      changeType,
      userid: null,
      external: null,
    });
    expect(await pushed()).toEqual([
      tag(groupId, 'tag_group', 'create'),
      tag(swim, 'tag', 'create'),
      tag(run!, 'tag', 'update'),
      tag(groupId, 'tag_group', 'update'),
      tag(read!, 'tag', 'delete'),
      tag(groupId, 'tag_group', 'delete'),
    ]);
  });

  it('pushes edit_external_contact when an employee tags a customer in the client', async () => {
    const { userid, external_userid } = pair();
    const vip = tagNamed('VIP');
    const path = `/sandbox/employees/${userid}/customers/${external_userid}/tags`;
    const res = await h.control('POST', path, { add: [vip.id] });
    expect(res.status).toBe(200);
    expect(res.json.deliveries).toHaveLength(1);
    expect(pair().tag_id).toContain(vip.id);
    // Nothing changed: nothing pushed.
    expect((await h.control('POST', path, { add: [vip.id] })).json.deliveries).toEqual([]);
    await h.control('POST', path, { remove: [vip.id] });
    expect(pair().tag_id).not.toContain(vip.id);
    const edit = {
      event: 'change_external_contact',
      id: null,
      tagType: null,
      changeType: 'edit_external_contact',
      userid,
      external: external_userid,
    };
    expect(await pushed()).toEqual([edit, edit]);
  });

  it('answers 404 for an unknown tag and 409 for a name taken', async () => {
    expect((await h.control('DELETE', '/sandbox/corp-tags/etNOPE')).status).toBe(404);
    const { userid, external_userid } = pair();
    expect(
      (
        await h.control('POST', `/sandbox/employees/${userid}/customers/${external_userid}/tags`, {
          add: ['etNOPE'],
        })
      ).status,
    ).toBe(404);
    const vip = tagNamed('VIP');
    expect(
      (await h.control('PATCH', `/sandbox/corp-tags/${vip.id}`, { name: '普通' })).status,
    ).toBe(409);
    expect(await pushed()).toEqual([]);
  });
});
