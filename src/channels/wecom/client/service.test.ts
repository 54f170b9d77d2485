import { describe, expect, it } from 'vitest';
import { useScriptedClient } from '../../shared/testing/harness.js';
import { readFixture } from '../../shared/testing/scripted-server.js';
import { createWecomClient } from './wecom-client.js';

const fixture = (name: string) => readFixture(import.meta.url, name);
const ok = { errcode: 0, errmsg: 'ok' };

describe('WeCom customer service, address book and app messages', () => {
  const t = useScriptedClient(({ db, settings }) =>
    createWecomClient({ ...settings, db, corpId: 'wwcorp', secret: 'secret', agentId: 1 }),
  );

  it('kf/sync_msg sends the documented request and maps messages and events', async () => {
    t.server.reply('/cgi-bin/kf/sync_msg', fixture('kf-sync_msg.response.json'));
    const synced = await t.client.kf.syncMessages({
      cursor: '4gw7MepFLfgF2VC5npN',
      token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
      limit: 1000,
      voiceFormat: 'amr',
      openKfId: 'wkxxxxxx',
    });
    expect(t.server.bodies('/cgi-bin/kf/sync_msg')).toEqual([fixture('kf-sync_msg.request.json')]);
    expect(synced.nextCursor).toBe('4gw7MepFLfgF2VC5npN');
    expect(synced.hasMore).toBe(true);
    const common = {
      msgId: 'from_msgid_4622416642169452483',
      openKfId: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
      externalUserId: 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw',
      sentAt: 1615478585_000,
      origin: 'customer',
      servicerUserId: 'Zhangsan',
    };
    const externalUserId = 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw';
    expect(synced.messages).toEqual([
      { ...common, content: { type: 'text', text: 'hello world', menuId: '101' } },
      {
        ...common,
        content: {
          type: 'event',
          event: {
            type: 'enter_session',
            externalUserId,
            scene: '123',
            sceneParam: 'abc',
            welcomeCode: 'aaaaaa',
          },
        },
      },
      {
        ...common,
        content: {
          type: 'event',
          event: { type: 'msg_send_fail', externalUserId, failedMsgId: 'FAIL_MSGID', failType: 4 },
        },
      },
      {
        ...common,
        content: {
          type: 'event',
          event: {
            type: 'session_status_change',
            externalUserId,
            changeType: 1,
            oldServicerUserId: 'OLD_SERVICER_USERID',
            newServicerUserId: 'NEW_SERVICER_USERID',
            msgCode: 'MSG_CODE',
          },
        },
      },
    ]);
  });

  it('kf/sync_msg keeps unknown message types as "other"', async () => {
    t.server.reply('/cgi-bin/kf/sync_msg', fixture('kf-sync_msg.response-generic.json'));
    const synced = await t.client.kf.syncMessages({ openKfId: 'wk1' });
    expect(synced.messages[0]!.content).toEqual({ type: 'other', msgType: 'MSG_TYPE' });
    expect(t.server.bodies('/cgi-bin/kf/sync_msg')).toEqual([{ open_kfid: 'wk1' }]);
  });

  it('kf/send_msg and send_msg_on_event send the documented requests', async () => {
    t.server.reply('/cgi-bin/kf/send_msg', fixture('kf-send_msg.response.json'));
    const sent = await t.client.kf.send({
      externalUserId: 'EXTERNAL_USERID',
      openKfId: 'OPEN_KFID',
      msgId: 'MSGID',
      message: {
        type: 'text',
        text: '你购买的物品已发货，可点击链接查看物流状态http://work.weixin.qq.com/xxxxxx',
      },
    });
    expect(t.server.bodies('/cgi-bin/kf/send_msg')).toEqual([fixture('kf-send_msg.request.json')]);
    expect(sent).toEqual({ msgId: 'MSG_ID' });

    t.server.reply('/cgi-bin/kf/send_msg_on_event', { ...ok, msgid: 'M2' });
    await t.client.kf.sendOnEvent({
      code: 'WELCOME',
      message: {
        type: 'menu',
        head: '您好',
        items: [
          { type: 'click', id: '101', content: '查订单' },
          { type: 'view', url: 'https://shop/help', content: '帮助' },
        ],
      },
    });
    expect(t.server.bodies('/cgi-bin/kf/send_msg_on_event')).toEqual([
      {
        code: 'WELCOME',
        msgtype: 'msgmenu',
        msgmenu: {
          head_content: '您好',
          list: [
            { type: 'click', click: { id: '101', content: '查订单' } },
            { type: 'view', view: { url: 'https://shop/help', content: '帮助' } },
          ],
        },
      },
    ]);
  });

  it('kf/account/list maps the accounts', async () => {
    t.server.reply('/cgi-bin/kf/account/list', {
      ...ok,
      account_list: [
        { open_kfid: 'wk1', name: '售后', avatar: 'https://a/1', manage_privilege: true },
      ],
    });
    expect(await t.client.kf.listAccounts()).toEqual([
      { openKfId: 'wk1', name: '售后', avatarUrl: 'https://a/1', managePrivilege: true },
    ]);
    expect(t.server.bodies('/cgi-bin/kf/account/list')).toEqual([{ offset: 0, limit: 100 }]);
  });

  it('message/send sends the documented request and splits the invalid lists', async () => {
    t.server.reply('/cgi-bin/message/send', fixture('message-send.response.json'));
    const result = await t.client.appMessages.send({
      toUserIds: ['UserID1', 'UserID2', 'UserID3'],
      toDepartmentIds: ['PartyID1', 'PartyID2'],
      toTagIds: ['TagID1 ', ' TagID2'],
      content: {
        type: 'text',
        text: '你的快递已到，请携带工卡前往邮件中心领取。\n出发前可查看<a href="http://work.weixin.qq.com">邮件中心视频实况</a>，聪明避开排队。',
      },
      safe: false,
    });
    expect(t.server.bodies('/cgi-bin/message/send')).toEqual([
      fixture('message-send.text.request.json'),
    ]);
    expect(result).toEqual({
      msgId: 'xxxx',
      invalidUserIds: ['userid1', 'userid2'],
      invalidDepartmentIds: ['partyid1', 'partyid2'],
      invalidTagIds: ['tagid1', 'tagid2'],
      unlicensedUserIds: ['userid3', 'userid4'],
      responseCode: 'xyzxyz',
    });
  });

  it('address book: departments, members, one member, member summaries', async () => {
    t.server.reply('/cgi-bin/department/list', {
      ...ok,
      department: [
        { id: 1, name: '总部', parentid: 0, order: 100, department_leader: ['boss'] },
        { id: 2, name: '销售部', name_en: 'Sales', parentid: 1, order: 10 },
      ],
    });
    expect(await t.client.directory.departments()).toEqual([
      { id: 1, name: '总部', nameEn: null, parentId: 0, order: 100, leaderUserIds: ['boss'] },
      { id: 2, name: '销售部', nameEn: 'Sales', parentId: 1, order: 10, leaderUserIds: [] },
    ]);
    expect(t.server.received('/cgi-bin/department/list')[0]!.query).not.toHaveProperty('id');

    const member = {
      userid: 'zhangsan',
      name: '张三',
      department: [1, 2],
      main_department: 2,
      position: '销售',
      mobile: '13800000000',
      gender: '1',
      email: 'zs@example.com',
      status: 1,
      open_userid: 'woXX',
      qr_code: 'https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=xxx',
    };
    const mapped = {
      userId: 'zhangsan',
      name: '张三',
      departmentIds: [1, 2],
      mainDepartmentId: 2,
      position: '销售',
      mobile: '13800000000',
      email: 'zs@example.com',
      gender: 'male',
      avatarUrl: null,
      alias: null,
      status: 'active',
      openUserId: 'woXX',
      qrCodeUrl: 'https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=xxx',
    };
    t.server.reply('/cgi-bin/user/list', { ...ok, userlist: [member] });
    t.server.reply('/cgi-bin/user/get', { ...ok, ...member });
    expect(await t.client.directory.members(2)).toEqual([mapped]);
    expect(await t.client.directory.member('zhangsan')).toEqual(mapped);
    expect(t.server.received('/cgi-bin/user/list')[0]!.query.department_id).toBe('2');
    expect(t.server.received('/cgi-bin/user/get')[0]!.query.userid).toBe('zhangsan');

    t.server.reply('/cgi-bin/user/simplelist', {
      ...ok,
      userlist: [{ userid: 'zhangsan', name: '张三', department: [2], open_userid: 'woXX' }],
    });
    expect(await t.client.directory.memberSummaries(2)).toEqual([
      { userId: 'zhangsan', name: '张三', departmentIds: [2], openUserId: 'woXX' },
    ]);
  });

  it('app messages need the agent id', async () => {
    const noAgent = createWecomClient({
      db: t.database.db,
      corpId: 'wwcorp',
      secret: 'secret',
      baseUrl: t.server.baseUrl,
    });
    await expect(
      noAgent.appMessages.send({ toUserIds: ['a'], content: { type: 'text', text: 'x' } }),
    ).rejects.toThrow('no agentId');
    expect(t.server.received('/cgi-bin/message/send')).toHaveLength(0);
  });
});
