import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';

describe('externalcontact reads and tags', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('answers externalcontact/get in the documented shape, with tags named by group', async () => {
    const added = (
      await h.control('POST', '/sandbox/customers/c1/add-contact', { userid: 'zhangwei' })
    ).json;
    const vip = h.corp.tagGroups
      .find((g) => g.group_name === '客户等级')!
      .tag.find((t) => t.name === 'VIP')!;
    const externalUserid = String(added.externalUserid);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/mark_tag', {
          userid: 'zhangwei',
          external_userid: externalUserid,
          add_tag: [vip.id],
        })
      ).errcode,
    ).toBe(0);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/remark', {
          userid: 'zhangwei',
          external_userid: externalUserid,
          remark: '小明同学',
          remark_mobiles: ['13800000001'],
        })
      ).errcode,
    ).toBe(0);
    const got = await h.wecom(
      'GET',
      `/cgi-bin/externalcontact/get?external_userid=${externalUserid}`,
    );
    expect(Object.keys(got)).toEqual([
      'errcode',
      'errmsg',
      'external_contact',
      'follow_user',
      'next_cursor',
    ]);
    expect(got.external_contact).toEqual({
      external_userid: externalUserid,
      name: '小明',
      avatar: expect.stringMatching(/^http/),
      type: 1,
      gender: 1,
      unionid: h.sandbox.state.users.c1!.unionid,
    });
    expect(got.follow_user).toEqual([
      {
        userid: 'zhangwei',
        remark: '小明同学',
        description: '',
        createtime: h.clock.now() / 1000,
        tags: [{ group_name: '客户等级', tag_name: 'VIP', tag_id: vip.id, type: 1 }],
        remark_mobiles: ['13800000001'],
        oper_userid: externalUserid,
        add_way: 2,
      },
    ]);
  });

  it('distinguishes an unknown external_userid (40096) from a person who is nobody’s customer (84061)', async () => {
    expect(
      (await h.wecom('GET', '/cgi-bin/externalcontact/get?external_userid=wmNOPE')).errcode,
    ).toBe(40096);
    const stranger = h.sandbox.state.users.c20!.externalUserIds[h.corp.corpid]!;
    expect(
      (await h.wecom('GET', `/cgi-bin/externalcontact/get?external_userid=${stranger}`)).errcode,
    ).toBe(84061);
    expect((await h.wecom('GET', '/cgi-bin/externalcontact/list?userid=huangmin')).errcode).toBe(
      84061,
    );
    expect((await h.wecom('GET', '/cgi-bin/externalcontact/list?userid=zhaolei')).errcode).toBe(
      84074,
    );
    expect((await h.wecom('GET', '/cgi-bin/externalcontact/list?userid=ghost')).errcode).toBe(
      60111,
    );
  });

  it('pages batch/get_by_user with cursors and caps limit at 100', async () => {
    for (let i = 0; i < 130; i += 1) {
      const person = (await h.control('POST', '/sandbox/customers', { nickname: `客户${i}` })).json;
      await h.control('POST', `/sandbox/customers/${String(person.id)}/add-contact`, {
        userid: 'huangmin',
      });
    }
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const page = await h.wecom('POST', '/cgi-bin/externalcontact/batch/get_by_user', {
        userid_list: ['huangmin'],
        cursor,
        limit: 1000,
      });
      expect(page.errcode).toBe(0);
      const list = page.external_contact_list as {
        external_contact: { external_userid: string };
        follow_info: Record<string, unknown>;
      }[];
      expect(list.length).toBeLessThanOrEqual(100);
      expect(Object.keys(list[0]!.follow_info)).toEqual([
        'userid',
        'remark',
        'description',
        'createtime',
        'tag_id',
        'remark_mobiles',
        'oper_userid',
        'add_way',
      ]);
      seen.push(...list.map((c) => c.external_contact.external_userid));
      cursor = String(page.next_cursor);
      pages += 1;
    } while (cursor !== '');
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(130);
    const listed = await h.wecom('GET', '/cgi-bin/externalcontact/list?userid=huangmin');
    expect((listed.external_userid as string[]).sort()).toEqual([...seen].sort());
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/batch/get_by_user', {
          userid_list: Array.from({ length: 101 }, (_, i) => `u${i}`),
        })
      ).errcode,
    ).toBe(40058);
  });

  it('manages corp tags: add to a new or existing group, duplicate names 40071, edit, delete removes marks', async () => {
    const added = await h.wecom('POST', '/cgi-bin/externalcontact/add_corp_tag', {
      group_name: '兴趣',
      tag: [{ name: '美妆' }, { name: '母婴', order: 2 }],
    });
    const group = added.tag_group as { group_id: string; tag: { id: string; name: string }[] };
    expect(group.tag.map((t) => t.name)).toEqual(['美妆', '母婴']);
    expect(group.tag[0]!.id).toMatch(/^et/);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/add_corp_tag', {
          group_id: group.group_id,
          tag: [{ name: '美妆' }],
        })
      ).errcode,
    ).toBe(40071);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/edit_corp_tag', {
          id: group.tag[0]!.id,
          name: '彩妆',
        })
      ).errcode,
    ).toBe(0);

    const listed = await h.wecom('POST', '/cgi-bin/externalcontact/get_corp_tag_list', {
      group_id: [group.group_id],
    });
    expect(listed.tag_group).toEqual([
      expect.objectContaining({
        group_name: '兴趣',
        deleted: false,
        tag: [
          expect.objectContaining({ name: '彩妆', deleted: false }),
          expect.objectContaining({ name: '母婴' }),
        ],
      }),
    ]);

    const customer = (
      await h.control('POST', '/sandbox/customers/c1/add-contact', { userid: 'wangfang' })
    ).json;
    await h.wecom('POST', '/cgi-bin/externalcontact/mark_tag', {
      userid: 'wangfang',
      external_userid: customer.externalUserid,
      add_tag: [group.tag[1]!.id],
    });
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/mark_tag', {
          userid: 'wangfang',
          external_userid: customer.externalUserid,
          add_tag: ['etNOPE'],
        })
      ).errcode,
    ).toBe(40068);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/mark_tag', {
          userid: 'liuna',
          external_userid: customer.externalUserid,
          add_tag: [group.tag[1]!.id],
        })
      ).errcode,
    ).toBe(84061);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/del_corp_tag', {
          group_id: [group.group_id],
        })
      ).errcode,
    ).toBe(0);
    const got = await h.wecom(
      'GET',
      `/cgi-bin/externalcontact/get?external_userid=${String(customer.externalUserid)}`,
    );
    expect((got.follow_user as { tags: unknown[] }[])[0]!.tags).toEqual([]);
  });

  it('validates contact ways like WeCom: unknown users 60111, no permission 84074, single-person codes take one user', async () => {
    const call = (body: Record<string, unknown>) =>
      h.wecom('POST', '/cgi-bin/externalcontact/add_contact_way', body);
    expect((await call({ type: 1, scene: 2, user: ['ghost'] })).errcode).toBe(60111);
    expect((await call({ type: 1, scene: 2, user: ['zhaolei'] })).errcode).toBe(84074);
    expect((await call({ type: 1, scene: 2, user: ['zhangwei', 'liuna'] })).errcode).toBe(40058);
    expect(
      (await call({ type: 2, scene: 2, state: 'x'.repeat(31), user: ['zhangwei'] })).errcode,
    ).toBe(40058);
    const made = await call({ type: 2, scene: 1, party: [2], remark: '门店' });
    expect(made).toEqual({
      errcode: 0,
      errmsg: 'ok',
      config_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const got = await h.wecom('POST', '/cgi-bin/externalcontact/get_contact_way', {
      config_id: made.config_id,
    });
    expect(got.contact_way).toMatchObject({
      type: 2,
      scene: 1,
      party: [2],
      remark: '门店',
      skip_verify: true,
    });
    const listed = await h.wecom('POST', '/cgi-bin/externalcontact/list_contact_way', {});
    expect(listed.contact_way).toEqual([{ config_id: made.config_id }]);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/update_contact_way', {
          config_id: made.config_id,
          state: 'store_1',
        })
      ).errcode,
    ).toBe(0);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/del_contact_way', {
          config_id: made.config_id,
        })
      ).errcode,
    ).toBe(0);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/get_contact_way', {
          config_id: made.config_id,
        })
      ).errcode,
    ).toBe(40058);
  });

  it('reads the address book', async () => {
    const departments = await h.wecom('GET', '/cgi-bin/department/list');
    expect((departments.department as unknown[]).length).toBe(4);
    const user = await h.wecom('GET', '/cgi-bin/user/get?userid=zhangwei');
    expect(user).toMatchObject({
      errcode: 0,
      userid: 'zhangwei',
      name: '张伟',
      department: [2],
      is_leader_in_dept: [1],
      status: 1,
    });
    const list = await h.wecom('GET', '/cgi-bin/user/simplelist?department_id=1&fetch_child=1');
    expect((list.userlist as unknown[]).length).toBe(8);
    expect((await h.wecom('GET', '/cgi-bin/user/get?userid=nobody')).errcode).toBe(60111);
    const follow = await h.wecom('GET', '/cgi-bin/externalcontact/get_follow_user_list');
    expect(follow.follow_user).not.toContain('zhaolei');
  });

  it('records app messages sent to employees', async () => {
    const sent = await h.wecom('POST', '/cgi-bin/message/send', {
      touser: 'zhangwei|ghost',
      msgtype: 'text',
      agentid: 1000002,
      text: { content: '新线索待跟进' },
    });
    expect(sent).toMatchObject({ errcode: 0, invaliduser: 'ghost' });
    const inbox = await h.control('GET', '/sandbox/employees/zhangwei/messages');
    expect(inbox.json.messages).toEqual([
      expect.objectContaining({
        msgtype: 'text',
        body: { msgtype: 'text', text: { content: '新线索待跟进' } },
      }),
    ]);
  });
});
