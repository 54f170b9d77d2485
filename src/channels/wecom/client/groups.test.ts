import { describe, expect, it } from 'vitest';
import { useScriptedClient } from '../../shared/testing/harness.js';
import { readFixture } from '../../shared/testing/scripted-server.js';
import { createWecomClient } from './wecom-client.js';

const fixture = (name: string) => readFixture(import.meta.url, name);
const ok = { errcode: 0, errmsg: 'ok' };
const cc = '/cgi-bin/externalcontact';

describe('WeCom group, link, Moments and transfer APIs', () => {
  const t = useScriptedClient(({ db, settings }) =>
    createWecomClient({ ...settings, db, corpId: 'wwcorp', secret: 'secret' }),
  );

  it('groupchat/list and groupchat/get send the documented requests and map the answers', async () => {
    t.server.reply(`${cc}/groupchat/list`, fixture('externalcontact-groupchat-list.response.json'));
    const listed = await t.client.groupChats.list({
      status: 'all',
      ownerUserIds: ['abel'],
      cursor: 'r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI',
      limit: 10,
    });
    expect(t.server.bodies(`${cc}/groupchat/list`)).toEqual([
      fixture('externalcontact-groupchat-list.request.json'),
    ]);
    expect(listed).toEqual({
      items: [
        { chatId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA', status: 'normal' },
        { chatId: 'wrOgQhDgAAcwMTB7YmDkbeBsAAAA', status: 'normal' },
      ],
      nextCursor: 'tJzlB9tdqfh-g7i_J-ehOz_TWcd7dSKa39_AqCIeMFw',
    });

    t.server.reply(`${cc}/groupchat/get`, fixture('externalcontact-groupchat-get.response.json'));
    const chat = await t.client.groupChats.get('wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA', {
      withNames: true,
    });
    expect(t.server.bodies(`${cc}/groupchat/get`)).toEqual([
      fixture('externalcontact-groupchat-get.request.json'),
    ]);
    expect(chat).toEqual({
      chatId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA',
      name: '销售客服群',
      ownerUserId: 'ZhuShengBen',
      createdAt: 1572505490_000,
      notice: '文明沟通，拒绝脏话',
      members: [
        {
          userId: 'abel',
          kind: 'employee',
          unionId: null,
          joinedAt: 1572505491_000,
          joinScene: 'invited',
          invitorUserId: 'jack',
          groupNickname: '客服小张',
          name: '张三丰',
          state: null,
        },
        {
          userId: 'wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA',
          kind: 'customer',
          unionId: 'ozynqsulJFCZ2z1aYeS8h-nuasdAAA',
          joinedAt: 1572505491_000,
          joinScene: 'invited',
          invitorUserId: null,
          groupNickname: '顾客老王',
          name: '王语嫣',
          state: null,
        },
      ],
      adminUserIds: ['sam', 'pony'],
      memberVersion: '71217227bbd112ecfe3a49c482195cb4',
    });
  });

  it('join ways: add sends the documented request; get, update, delete', async () => {
    const addRequest = fixture('externalcontact-groupchat-add_join_way.request.json');
    t.server.reply(
      `${cc}/groupchat/add_join_way`,
      fixture('externalcontact-groupchat-add_join_way.response.json'),
    );
    const settings = {
      scene: 'qrcode' as const,
      remark: 'aa_remark',
      autoCreateRoom: true,
      roomBaseName: '销售客服群',
      roomBaseId: 10,
      chatIds: ['wrOgQhDgAAH2Yy-CTZ6POca8mlBEdaaa', 'wrOgQhDgAALPUthpRAKvl7mgiQRwAAA'],
      state: 'klsdup3kj3s1',
    };
    expect(await t.client.joinWays.add(settings)).toEqual({
      configId: '9ad7fa5cdaa6511298498f979c472aaa',
    });
    expect(t.server.bodies(`${cc}/groupchat/add_join_way`)).toEqual([addRequest]);

    t.server.reply(`${cc}/groupchat/get_join_way`, {
      ...ok,
      join_way: { ...addRequest, config_id: 'cfg', qr_code: 'https://qr/join' },
    });
    expect(await t.client.joinWays.get('cfg')).toEqual({
      ...settings,
      configId: 'cfg',
      qrCodeUrl: 'https://qr/join',
    });

    t.server.reply(`${cc}/groupchat/update_join_way`, ok).reply(`${cc}/groupchat/del_join_way`, ok);
    await t.client.joinWays.update('cfg', { ...settings, chatIds: ['wrNew'] });
    await t.client.joinWays.delete('cfg');
    expect(t.server.bodies(`${cc}/groupchat/update_join_way`)).toEqual([
      { ...addRequest, config_id: 'cfg', chat_id_list: ['wrNew'] },
    ]);
    expect(t.server.bodies(`${cc}/groupchat/del_join_way`)).toEqual([{ config_id: 'cfg' }]);
  });

  it('acquisition links: create sends the documented request; list, get and customers', async () => {
    const links = `${cc}/customer_acquisition`;
    t.server.reply(
      `${links}/create_link`,
      fixture('externalcontact-customer_acquisition-create_link.response.json'),
    );
    const link = await t.client.acquisitionLinks.create({
      name: '获客链接1号',
      range: { userIds: ['zhangsan', 'lisi'], departmentIds: [2, 3] },
      skipVerify: true,
    });
    expect(t.server.bodies(`${links}/create_link`)).toEqual([
      fixture('externalcontact-customer_acquisition-create_link.request.json'),
    ]);
    expect(link).toEqual({
      linkId: 'LINK_ID',
      name: '获客链接1号',
      url: 'URL',
      createdAt: 1667232000_000,
      skipVerify: null,
      range: null,
    });

    t.server.reply(`${links}/list_link`, { ...ok, link_id_list: ['L1', 'L2'], next_cursor: 'C' });
    expect(await t.client.acquisitionLinks.list({ limit: 2 })).toEqual({
      items: ['L1', 'L2'],
      nextCursor: 'C',
    });

    t.server.reply(`${links}/get`, {
      ...ok,
      link: {
        link_name: '获客链接1号',
        url: 'https://work.weixin.qq.com/ca/x',
        create_time: 1667232000,
        skip_verify: true,
      },
      range: { user_list: ['zhangsan'], department_list: [2] },
    });
    expect(await t.client.acquisitionLinks.get('L1')).toEqual({
      linkId: 'L1',
      name: '获客链接1号',
      url: 'https://work.weixin.qq.com/ca/x',
      createdAt: 1667232000_000,
      skipVerify: true,
      range: { userIds: ['zhangsan'], departmentIds: [2] },
    });

    t.server.reply(
      `${links}/customer`,
      fixture('externalcontact-customer_acquisition-customer.response.json'),
    );
    const customers = await t.client.acquisitionLinks.customers({ linkId: 'L1', limit: 1000 });
    expect(t.server.bodies(`${links}/customer`)).toEqual([{ link_id: 'L1', limit: 1000 }]);
    expect(customers.items[2]).toEqual({
      externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mBCBBB',
      userId: 'rocky',
      chatting: true,
      state: 'CHANNEL_A',
    });
  });

  it('Moments: create a task and read its result (failures become typed errors)', async () => {
    t.server.reply(`${cc}/add_moment_task`, { ...ok, jobid: 'job1' });
    const task = await t.client.moments.create({
      text: '新品上市',
      attachments: [{ type: 'link', title: '新品', url: 'https://shop/x', mediaId: 'M' }],
      senderUserIds: ['zhangsan'],
      tagIds: ['T1'],
    });
    expect(task).toEqual({ jobId: 'job1' });
    expect(t.server.bodies(`${cc}/add_moment_task`)).toEqual([
      {
        text: { content: '新品上市' },
        attachments: [
          { msgtype: 'link', link: { title: '新品', url: 'https://shop/x', media_id: 'M' } },
        ],
        visible_range: {
          sender_list: { user_list: ['zhangsan'] },
          external_contact_list: { tag_list: ['T1'] },
        },
      },
    ]);

    t.server.reply(`${cc}/get_moment_task_result`, {
      ...ok,
      status: 3,
      type: 'add_moment_task',
      result: {
        errcode: 0,
        errmsg: 'ok',
        moment_id: 'MOMENT',
        invalid_sender_list: { user_list: ['gone'] },
      },
    });
    const done = await t.client.moments.result('job1');
    expect(t.server.received(`${cc}/get_moment_task_result`)[0]!.query.jobid).toBe('job1');
    expect(done).toEqual({
      status: 'done',
      momentId: 'MOMENT',
      error: null,
      invalidSenderUserIds: ['gone'],
      invalidSenderDepartmentIds: [],
      invalidTagIds: [],
    });

    t.server.reply(`${cc}/get_moment_task_result`, {
      ...ok,
      status: 3,
      result: { errcode: 60011, errmsg: 'no privilege' },
    });
    const failed = await t.client.moments.result('job2');
    expect(failed.error).toMatchObject({ kind: 'permission', errcode: 60011 });
  });

  it('transfers: customers (on-job and resigned), results, unassigned list, groups', async () => {
    const outcome = {
      ...ok,
      customer: [
        { external_userid: 'wm1', errcode: 0 },
        { external_userid: 'wm2', errcode: 40128 },
      ],
    };
    t.server
      .reply(`${cc}/transfer_customer`, outcome)
      .reply(`${cc}/resigned/transfer_customer`, outcome);
    const request = {
      handoverUserId: 'zhangsan',
      takeoverUserId: 'lisi',
      externalUserIds: ['wm1', 'wm2'],
    };
    const expected = [
      { externalUserId: 'wm1', errcode: 0 },
      { externalUserId: 'wm2', errcode: 40128 },
    ];
    expect(
      await t.client.transfers.transferCustomers({ ...request, successMessage: '您好' }),
    ).toEqual(expected);
    expect(await t.client.transfers.transferResignedCustomers(request)).toEqual(expected);
    const wire = {
      handover_userid: 'zhangsan',
      takeover_userid: 'lisi',
      external_userid: ['wm1', 'wm2'],
    };
    expect(t.server.bodies(`${cc}/transfer_customer`)).toEqual([
      { ...wire, transfer_success_msg: '您好' },
    ]);
    expect(t.server.bodies(`${cc}/resigned/transfer_customer`)).toEqual([wire]);

    t.server.reply(`${cc}/transfer_result`, {
      ...ok,
      customer: [{ external_userid: 'wm1', status: 2, takeover_time: 1700000000 }],
      next_cursor: '',
    });
    expect(
      await t.client.transfers.transferResults({
        handoverUserId: 'zhangsan',
        takeoverUserId: 'lisi',
      }),
    ).toEqual({
      items: [{ externalUserId: 'wm1', status: 'waiting', takeoverAt: 1700000000_000 }],
      nextCursor: null,
    });

    t.server.reply(`${cc}/get_unassigned_list`, {
      ...ok,
      info: [{ handover_userid: 'gone', external_userid: 'wm9', dimission_time: 1550838571 }],
      is_last: false,
      next_cursor: 'N',
    });
    expect(await t.client.transfers.unassigned({ pageSize: 100 })).toEqual({
      items: [{ handoverUserId: 'gone', externalUserId: 'wm9', leftAt: 1550838571_000 }],
      nextCursor: 'N',
    });
    expect(t.server.bodies(`${cc}/get_unassigned_list`)).toEqual([{ page_size: 100 }]);

    const failures = {
      ...ok,
      failed_chat_list: [
        { chat_id: 'wr2', errcode: 90500, errmsg: 'the owner of this chat is not resigned' },
      ],
    };
    t.server
      .reply(`${cc}/groupchat/onjob_transfer`, failures)
      .reply(`${cc}/groupchat/transfer`, failures);
    const groups = { chatIds: ['wr1', 'wr2'], newOwnerUserId: 'lisi' };
    const failed = [
      { chatId: 'wr2', errcode: 90500, errmsg: 'the owner of this chat is not resigned' },
    ];
    expect(await t.client.transfers.transferGroupChats(groups)).toEqual(failed);
    expect(await t.client.transfers.transferResignedGroupChats(groups)).toEqual(failed);
    for (const path of [`${cc}/groupchat/onjob_transfer`, `${cc}/groupchat/transfer`])
      expect(t.server.bodies(path)).toEqual([{ chat_id_list: ['wr1', 'wr2'], new_owner: 'lisi' }]);
  });
});
