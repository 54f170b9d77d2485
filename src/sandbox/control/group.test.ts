import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarnessWithReceiver, type Harness } from '../testing/harness.js';
import type { TestReceiver } from '../testing/receiver.js';
import { field, fieldNames, sample } from '../testing/xml-shape.js';

type H = Harness & { receiver: TestReceiver };

describe('customer groups', () => {
  let h: H;
  beforeEach(async () => {
    h = await createHarnessWithReceiver();
  });
  afterEach(() => h.close());

  const newCustomer = async () =>
    String((await h.control('POST', '/sandbox/customers', {})).json.id);

  async function groupOf(owner: string, name: string, members: number): Promise<string> {
    const customers = [];
    for (let i = 0; i < members; i += 1) customers.push(await newCustomer());
    const res = await h.control('POST', `/sandbox/employees/${owner}/create-group`, {
      name,
      customers,
    });
    expect(res.status).toBe(200);
    return String(res.json.chatId);
  }

  it('pushes add_member through a join way with JoinScene 3, and groupchat/get shows the member with the state', async () => {
    const chatId = await groupOf('zhangwei', '活动群1', 0);
    const way = await h.wecom('POST', '/cgi-bin/externalcontact/groupchat/add_join_way', {
      scene: 2,
      chat_id_list: [chatId],
      state: 'klsdup3kj3s1',
    });
    expect(way).toEqual({
      errcode: 0,
      errmsg: 'ok',
      config_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const got = await h.wecom('POST', '/cgi-bin/externalcontact/groupchat/get_join_way', {
      config_id: way.config_id,
    });
    expect(got.join_way).toMatchObject({
      scene: 2,
      auto_create_room: 1,
      chat_id_list: [chatId],
      state: 'klsdup3kj3s1',
      qr_code: expect.stringMatching(/\.png$/),
    });

    const joined = await h.control('POST', '/sandbox/customers/c1/join-group?wait=true', {
      configId: way.config_id,
    });
    expect(joined.json).toMatchObject({ chatId, created: false });
    const received = await h.receiver.waitFor(2);
    const create = received[0]!.plaintext;
    const add = received[1]!.plaintext;
    expect(fieldNames(create)).toEqual(
      fieldNames(sample('wecom', 'wecom-callback-change_external_chat-create.xml')),
    );
    expect(fieldNames(add)).toEqual(
      fieldNames(sample('wecom', 'wecom-callback-change_external_chat-update-add_member.xml')),
    );
    expect(field(add, 'UpdateDetail')).toBe('add_member');
    expect(field(add, 'JoinScene')).toBe('3');
    expect(field(add, 'MemChangeCnt')).toBe('1');
    expect(add).toContain(
      `<Item><![CDATA[${h.sandbox.state.users.c1!.externalUserIds[h.corp.corpid]!}]]></Item>`,
    );

    const detail = await h.wecom('POST', '/cgi-bin/externalcontact/groupchat/get', {
      chat_id: chatId,
      need_name: 1,
    });
    const group = detail.group_chat as {
      member_list: Record<string, unknown>[];
      member_version: string;
    };
    expect(group.member_list[1]).toEqual({
      userid: h.sandbox.state.users.c1!.externalUserIds[h.corp.corpid],
      type: 2,
      unionid: h.sandbox.state.users.c1!.unionid,
      join_time: h.clock.now() / 1000,
      join_scene: 3,
      group_nickname: '',
      name: '小明',
      state: 'klsdup3kj3s1',
    });
    expect(group.member_version).toBe(field(add, 'CurMemVer'));
  });

  it('fills a group to 200 through join ways, then moves on to the next group, then creates one', async () => {
    const full = await groupOf('liuna', '满员群', 198); // owner + 198 customers = 199 members
    const spare = await groupOf('liuna', '备用群', 0);
    const way = await h.wecom('POST', '/cgi-bin/externalcontact/groupchat/add_join_way', {
      scene: 2,
      chat_id_list: [full, spare],
      room_base_name: '自动群',
      room_base_id: 7,
    });
    const first = await h.control('POST', `/sandbox/customers/${await newCustomer()}/join-group`, {
      configId: way.config_id,
    });
    expect(first.json.chatId).toBe(full);
    expect(h.corp.groups[full]!.member_list).toHaveLength(200);
    const second = await h.control('POST', `/sandbox/customers/${await newCustomer()}/join-group`, {
      configId: way.config_id,
    });
    expect(second.json.chatId).toBe(spare);

    h.sandbox.state.rules.groupJoinLimit = 2;
    const third = await h.control('POST', `/sandbox/customers/${await newCustomer()}/join-group`, {
      configId: way.config_id,
    });
    expect(third.json).toMatchObject({ created: true });
    const created = h.corp.groups[String(third.json.chatId)]!;
    expect(created).toMatchObject({ name: '自动群7', owner: 'liuna' });
    const after = await h.wecom('POST', '/cgi-bin/externalcontact/groupchat/get_join_way', {
      config_id: way.config_id,
    });
    expect((after.join_way as { chat_id_list: string[] }).chat_id_list).toEqual([
      full,
      spare,
      created.chat_id,
    ]);
  });

  it('refuses to join through a full join way that may not create rooms, and caps invitations at 500', async () => {
    const chatId = await groupOf('wangfang', '小群', 1);
    h.sandbox.state.rules.groupJoinLimit = 2;
    const way = await h.wecom('POST', '/cgi-bin/externalcontact/groupchat/add_join_way', {
      scene: 2,
      chat_id_list: [chatId],
      auto_create_room: 0,
    });
    const refused = await h.control(
      'POST',
      `/sandbox/customers/${await newCustomer()}/join-group`,
      { configId: way.config_id },
    );
    expect(refused.status).toBe(409);

    h.sandbox.state.rules.groupMaxMembers = 3;
    expect(
      (await h.control('POST', `/sandbox/customers/${await newCustomer()}/join-group`, { chatId }))
        .status,
    ).toBe(200);
    const overflow = await h.control(
      'POST',
      `/sandbox/customers/${await newCustomer()}/join-group`,
      { chatId },
    );
    expect(overflow.status).toBe(409);
    expect(overflow.json).toMatchObject({ error: { code: 'conflict' } });
  });

  it('pushes del_member when a customer leaves and lists groups with filters', async () => {
    const vip = Object.values(h.corp.groups).find((g) => g.name === '私域VIP交流群')!;
    const member = vip.member_list.find((m) => m.type === 2)!;
    const person = Object.values(h.sandbox.state.users).find(
      (p) => p.externalUserIds[h.corp.corpid] === member.userid,
    )!;
    await h.control('POST', `/sandbox/customers/${person.id}/leave-group?wait=true`, {
      chatId: vip.chat_id,
    });
    const [callback] = await h.receiver.waitFor(1);
    expect(field(callback!.plaintext, 'UpdateDetail')).toBe('del_member');
    expect(field(callback!.plaintext, 'QuitScene')).toBe('0');
    const listed = await h.wecom('POST', '/cgi-bin/externalcontact/groupchat/list', {
      status_filter: 0,
      owner_filter: { userid_list: ['zhangwei'] },
      limit: 10,
    });
    expect(listed.group_chat_list).toEqual([{ chat_id: vip.chat_id, status: 0 }]);
    expect(
      (await h.wecom('POST', '/cgi-bin/externalcontact/groupchat/get', { chat_id: 'wrNOPE' }))
        .errcode,
    ).toBe(86001);
  });
});
