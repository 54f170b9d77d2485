import { describe, expect, it } from 'vitest';
import { useScriptedClient } from '../../shared/testing/harness.js';
import { readFixture } from '../../shared/testing/scripted-server.js';
import type { Attachment } from './attachments.js';
import { createWecomClient } from './wecom-client.js';

const fixture = (name: string) => readFixture(import.meta.url, name);
const ok = { errcode: 0, errmsg: 'ok' };
const cc = '/cgi-bin/externalcontact';

/** The five attachments of the documentation's welcome-message and mass-send examples. */
const docAttachments: Attachment[] = [
  {
    type: 'image',
    mediaId: 'MEDIA_ID',
    picUrl: 'http://p.qpic.cn/pic_wework/3474110808/7a6344sdadfwehe42060/0',
  },
  {
    type: 'link',
    title: '消息标题',
    picUrl: 'https://example.pic.com/path',
    description: '消息描述',
    url: 'https://example.link.com/path',
  },
  {
    type: 'miniprogram',
    title: '消息标题',
    picMediaId: 'MEDIA_ID',
    appId: 'wx8bd80126147dfAAA',
    page: '/path/index.html',
  },
  { type: 'video', mediaId: 'MEDIA_ID' },
  { type: 'file', mediaId: 'MEDIA_ID' },
];

describe('WeCom customer-contact APIs', () => {
  const t = useScriptedClient(({ db, settings }) =>
    createWecomClient({ ...settings, db, corpId: 'wwcorp', secret: 'secret' }),
  );

  it('contact ways: add sends the documented request and returns config id and QR code', async () => {
    t.server.reply(
      `${cc}/add_contact_way`,
      fixture('externalcontact-add_contact_way.response.json'),
    );
    const created = await t.client.contactWays.add({
      kind: 'single',
      scene: 'miniprogram',
      style: 1,
      remark: '渠道客户',
      skipVerify: true,
      state: 'teststate',
      userIds: ['zhangsan', 'lisi', 'wangwu'],
      departmentIds: [2, 3],
      isTemporary: true,
      expiresInSeconds: 86400,
      chatExpiresInSeconds: 86400,
      unionId: 'oxTWIuGaIt6gTKsQRLau2M0AAAA',
      conclusions: {
        text: '文本消息内容',
        image: { mediaId: 'MEDIA_ID' },
        link: {
          title: '消息标题',
          picUrl: 'https://example.pic.com/path',
          description: '消息描述',
          url: 'https://example.link.com/path',
        },
        miniProgram: {
          title: '消息标题',
          picMediaId: 'MEDIA_ID',
          appId: 'wx8bd80126147dfAAA',
          page: '/path/index.html',
        },
      },
    });
    expect(t.server.bodies(`${cc}/add_contact_way`)).toEqual([
      fixture('externalcontact-add_contact_way.request.json'),
    ]);
    expect(created).toEqual({
      configId: '42b34949e138eb6e027c123cba77fAAA',
      qrCodeUrl: 'http://p.qpic.cn/wwhead/duc2TvpEgSdicZ9RrdUtBkv2UiaA/0',
    });
  });

  it('contact ways: get, update, delete and list', async () => {
    const request = fixture('externalcontact-add_contact_way.request.json');
    t.server.reply(`${cc}/get_contact_way`, {
      ...ok,
      contact_way: { ...request, config_id: 'cfg1', qr_code: 'https://qr/1' },
    });
    const way = await t.client.contactWays.get('cfg1');
    expect(way).toMatchObject({
      configId: 'cfg1',
      kind: 'single',
      scene: 'miniprogram',
      qrCodeUrl: 'https://qr/1',
      state: 'teststate',
      userIds: ['zhangsan', 'lisi', 'wangwu'],
      departmentIds: [2, 3],
      conclusions: { text: '文本消息内容', miniProgram: { appId: 'wx8bd80126147dfAAA' } },
    });

    t.server.reply(`${cc}/update_contact_way`, ok).reply(`${cc}/del_contact_way`, ok);
    await t.client.contactWays.update('cfg1', { remark: 'new', userIds: ['rocky'] });
    await t.client.contactWays.delete('cfg1');
    expect(t.server.bodies(`${cc}/update_contact_way`)).toEqual([
      { config_id: 'cfg1', remark: 'new', user: ['rocky'] },
    ]);
    expect(t.server.bodies(`${cc}/del_contact_way`)).toEqual([{ config_id: 'cfg1' }]);

    t.server.reply(`${cc}/list_contact_way`, {
      ...ok,
      contact_way: [{ config_id: 'a' }, { config_id: 'b' }],
      next_cursor: '',
    });
    const listed = await t.client.contactWays.list({ startTime: 1_700_000_000_500, limit: 100 });
    expect(listed).toEqual({ items: ['a', 'b'], nextCursor: null });
    expect(t.server.bodies(`${cc}/list_contact_way`)).toEqual([
      { start_time: 1_700_000_000, limit: 100 },
    ]);
  });

  it('welcome message: sends the documented request', async () => {
    t.server.reply(`${cc}/send_welcome_msg`, ok);
    await t.client.welcome.send({
      welcomeCode: 'CALLBACK_CODE',
      text: '文本消息内容',
      attachments: docAttachments,
    });
    expect(t.server.bodies(`${cc}/send_welcome_msg`)).toEqual([
      fixture('externalcontact-send_welcome_msg.request.json'),
    ]);
  });

  it('get: maps the customer and follows the follow_user cursor past the first page', async () => {
    t.server.reply(`${cc}/get`, fixture('externalcontact-get.response.json'), {
      ...ok,
      external_contact: {},
      follow_user: [{ userid: 'third', createtime: 1525881700, add_way: 16, state: 'c1' }],
      next_cursor: '',
    });
    const detail = await t.client.externalContacts.get('woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA');
    expect(t.server.received(`${cc}/get`).map((r) => r.query.cursor)).toEqual([
      undefined,
      'NEXT_CURSOR',
    ]);
    expect(detail.contact).toEqual({
      externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA',
      name: '李四',
      kind: 'wecom',
      avatarUrl: 'http://p.qlogo.cn/bizmail/IcsdgagqefergqerhewSdage/0',
      gender: 'male',
      unionId: 'ozynqsulJFCZ2z1aYeS8h-nuasdAAA',
      position: 'Manager',
      corpName: '腾讯',
      corpFullName: '腾讯科技有限公司',
      profile: [
        { type: 'text', name: '文本名称', value: '文本' },
        { type: 'web', name: '网页名称', url: 'http://www.test.com', title: '标题' },
        {
          type: 'miniprogram',
          name: '测试app',
          appId: 'wx8bd80126147df384',
          pagePath: '/index',
          title: 'my miniprogram',
        },
      ],
    });
    expect(detail.followUsers.map((f) => f.userId)).toEqual(['rocky', 'tommy', 'third']);
    expect(detail.followUsers[0]).toEqual({
      userId: 'rocky',
      remark: '李部长',
      description: '对接采购事务',
      addedAt: 1525779812_000,
      remarkCorpName: '腾讯科技',
      remarkMobiles: ['13800000001', '13000000002'],
      operatorUserId: 'rocky',
      addWay: 1,
      state: null,
      tags: [
        {
          groupName: '标签分组名称',
          tagName: '标签名称',
          tagId: 'etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA',
          kind: 'corp',
        },
        { groupName: '标签分组名称', tagName: '标签名称', tagId: null, kind: 'personal' },
        {
          groupName: '标签分组名称',
          tagName: '标签名称',
          tagId: 'stAJ2GCAAAXtWyujaWJHDDGi0mACHAAA',
          kind: 'rule',
        },
      ],
    });
    expect(detail.followUsers[1]).toMatchObject({ state: '外联二维码1', addWay: 3 });
  });

  it('batch/get_by_user: sends the documented request and maps each (customer, employee)', async () => {
    t.server.reply(
      `${cc}/batch/get_by_user`,
      fixture('externalcontact-batch-get_by_user.response.json'),
    );
    const result = await t.client.externalContacts.batchGetByUser({
      userIds: ['zhangsan', 'lisi'],
    });
    expect(t.server.bodies(`${cc}/batch/get_by_user`)).toEqual([
      fixture('externalcontact-batch-get_by_user.request.json'),
    ]);
    expect(result.nextCursor).toBe('r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI');
    expect(result.items).toHaveLength(2);
    expect(result.items[1]).toMatchObject({
      contact: { externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACHBBB', name: '王五', profile: [] },
      followInfo: {
        userId: 'lisi',
        tagIds: ['etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA', 'stJHDDGi0mAGi0mACHBBByujaW'],
        state: '外联二维码1',
        addedAt: 1525881637_000,
      },
    });
  });

  it('list and remark', async () => {
    t.server.reply(`${cc}/list`, { ...ok, external_userid: ['wm1', 'wm2'] });
    expect(await t.client.externalContacts.list('zhangsan')).toEqual(['wm1', 'wm2']);
    expect(t.server.received(`${cc}/list`)[0]!.query.userid).toBe('zhangsan');

    t.server.reply(`${cc}/remark`, ok);
    await t.client.externalContacts.remark({
      userId: 'zhangsan',
      externalUserId: 'wm1',
      remark: '备注',
      remarkMobiles: ['13800000000'],
    });
    expect(t.server.bodies(`${cc}/remark`)).toEqual([
      {
        userid: 'zhangsan',
        external_userid: 'wm1',
        remark: '备注',
        remark_mobiles: ['13800000000'],
      },
    ]);
  });

  it('corp tags: list with filter, add, edit, delete, mark', async () => {
    t.server.reply(
      `${cc}/get_corp_tag_list`,
      fixture('externalcontact-get_corp_tag_list.response.json'),
    );
    const groups = await t.client.corpTags.list({
      tagIds: ['etXXXXXXXXXX', 'etYYYYYYYYYY'],
      groupIds: ['etZZZZZZZZZZZZZ', 'etYYYYYYYYYYYYY'],
    });
    expect(t.server.bodies(`${cc}/get_corp_tag_list`)).toEqual([
      fixture('externalcontact-get_corp_tag_list.request.json'),
    ]);
    expect(groups).toEqual([
      {
        id: 'TAG_GROUPID1',
        name: 'GOURP_NAME',
        createdAt: 1557838797_000,
        order: 1,
        deleted: false,
        tags: [
          { id: 'TAG_ID1', name: 'NAME1', createdAt: 1557838797_000, order: 1, deleted: false },
          { id: 'TAG_ID2', name: 'NAME2', createdAt: 1557838797_000, order: 2, deleted: true },
        ],
      },
    ]);

    t.server.reply(`${cc}/add_corp_tag`, {
      ...ok,
      tag_group: {
        group_id: 'G1',
        group_name: '来源',
        create_time: 1700000000,
        order: 0,
        tag: [{ id: 'T1', name: '直播', create_time: 1700000000, order: 0 }],
      },
    });
    const added = await t.client.corpTags.add({ groupName: '来源', tags: [{ name: '直播' }] });
    expect(added.tags).toEqual([
      { id: 'T1', name: '直播', createdAt: 1700000000_000, order: 0, deleted: false },
    ]);
    expect(t.server.bodies(`${cc}/add_corp_tag`)).toEqual([
      { group_name: '来源', tag: [{ name: '直播' }] },
    ]);

    t.server
      .reply(`${cc}/edit_corp_tag`, ok)
      .reply(`${cc}/del_corp_tag`, ok)
      .reply(`${cc}/mark_tag`, ok);
    await t.client.corpTags.edit({ id: 'T1', name: '直播间' });
    await t.client.corpTags.delete({ tagIds: ['T1'] });
    await t.client.corpTags.mark({
      userId: 'zhangsan',
      externalUserId: 'woAJ2GCAAAd1NPGHKSD4wKmE8Aabj9AAA',
      addTagIds: ['TAGID1', 'TAGID2'],
      removeTagIds: ['TAGID3', 'TAGID4'],
    });
    expect(t.server.bodies(`${cc}/edit_corp_tag`)).toEqual([{ id: 'T1', name: '直播间' }]);
    expect(t.server.bodies(`${cc}/del_corp_tag`)).toEqual([{ tag_id: ['T1'] }]);
    expect(t.server.bodies(`${cc}/mark_tag`)).toEqual([
      fixture('externalcontact-mark_tag.request.json'),
    ]);
  });

  it('mass send: create sends the documented request; results are paged and mapped', async () => {
    t.server.reply(
      `${cc}/add_msg_template`,
      fixture('externalcontact-add_msg_template.response.json'),
    );
    const created = await t.client.massSend.create({
      chatType: 'single',
      externalUserIds: ['woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA', 'wmqfasd1e1927831123109rBAAAA'],
      sender: 'zhangsan',
      text: '文本消息内容',
      attachments: docAttachments,
    });
    expect(t.server.bodies(`${cc}/add_msg_template`)).toEqual([
      fixture('externalcontact-add_msg_template.request.json'),
    ]);
    expect(created).toEqual({
      msgId: 'msgGCAAAXtWyujaWJHDDGi0mAAAA',
      failedExternalUserIds: ['wmqfasd1e1927831123109rBAAAA'],
    });

    t.server.reply(
      `${cc}/get_groupmsg_send_result`,
      fixture('externalcontact-get_groupmsg_send_result.response.json'),
    );
    const results = await t.client.massSend.sendResults({
      msgId: 'msgGCAAAXtWyujaWJHDDGi0mACAAAA',
      userId: 'zhangsan ',
      limit: 50,
      cursor: 'CURSOR',
    });
    expect(t.server.bodies(`${cc}/get_groupmsg_send_result`)).toEqual([
      fixture('externalcontact-get_groupmsg_send_result.request.json'),
    ]);
    expect(results).toEqual({
      items: [
        {
          userId: 'zhangsan',
          externalUserId: 'wmqfasd1e19278asdasAAAA',
          chatId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA',
          status: 'sent',
          sentAt: 1552536375_000,
        },
      ],
      nextCursor: 'CURSOR',
    });

    t.server.reply(`${cc}/get_groupmsg_list_v2`, {
      ...ok,
      next_cursor: '',
      group_msg_list: [
        {
          msgid: 'm1',
          creator: 'zhangsan',
          create_time: 1700000000,
          create_type: 1,
          text: { content: 'hi' },
          attachments: [{ msgtype: 'video', video: { media_id: 'V' } }],
        },
      ],
    });
    const list = await t.client.massSend.list({
      chatType: 'single',
      startTime: 1_699_000_000_000,
      endTime: 1_700_000_000_000,
      createdBy: 'all',
    });
    expect(t.server.bodies(`${cc}/get_groupmsg_list_v2`)).toEqual([
      { chat_type: 'single', start_time: 1_699_000_000, end_time: 1_700_000_000, filter_type: 2 },
    ]);
    expect(list.items).toEqual([
      {
        msgId: 'm1',
        creator: 'zhangsan',
        createdAt: 1700000000_000,
        createdBy: 'personal',
        text: 'hi',
        attachments: [{ type: 'video', mediaId: 'V' }],
      },
    ]);

    t.server.reply(`${cc}/get_groupmsg_task`, {
      ...ok,
      task_list: [
        { userid: 'zhangsan', status: 2, send_time: 1700000100 },
        { userid: 'lisi', status: 0 },
      ],
    });
    const tasks = await t.client.massSend.senderTasks({ msgId: 'm1' });
    expect(tasks.items).toEqual([
      { userId: 'zhangsan', status: 'sent', sentAt: 1700000100_000 },
      { userId: 'lisi', status: 'pending', sentAt: null },
    ]);
  });
});
