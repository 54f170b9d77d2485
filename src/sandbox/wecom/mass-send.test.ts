import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { daysInMonth, periodStart } from './mass-quota.js';

describe('mass send (群发)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  async function befriend(customer: string, userid: string): Promise<string> {
    return String(
      (await h.control('POST', `/sandbox/customers/${customer}/add-contact`, { userid })).json
        .externalUserid,
    );
  }

  async function template(externalUserids: string[], sender: string, content = '双十一会员专享') {
    const res = await h.wecom('POST', '/cgi-bin/externalcontact/add_msg_template', {
      chat_type: 'single',
      external_userid: externalUserids,
      sender,
      text: { content },
      attachments: [
        { msgtype: 'link', link: { title: '活动详情', url: 'https://shop.example.com/s/11' } },
      ],
    });
    expect(res.errcode).toBe(0);
    return res as { msgid: string; fail_list: string[] };
  }

  const results = async (msgid: string, userid: string) =>
    (
      await h.wecom('POST', '/cgi-bin/externalcontact/get_groupmsg_send_result', {
        msgid,
        userid,
        limit: 100,
      })
    ).send_list as {
      external_userid: string;
      status: number;
      send_time?: number;
    }[];

  it('stays pending until the employee confirms; then the customers receive it', async () => {
    const a = await befriend('c1', 'zhangwei');
    const b = await befriend('c2', 'zhangwei');
    const stranger = h.sandbox.state.users.c3!.externalUserIds[h.corp.corpid]!;
    const { msgid, fail_list } = await template([a, b, stranger], 'zhangwei');
    expect(msgid).toMatch(/^msg/);
    expect(fail_list).toEqual([stranger]);
    expect((await results(msgid, 'zhangwei')).map((r) => r.status)).toEqual([0, 0]);
    expect((await h.control('GET', '/sandbox/customers/c1/messages')).json.messages).toEqual([]);
    const task = await h.wecom('POST', '/cgi-bin/externalcontact/get_groupmsg_task', { msgid });
    expect(task.task_list).toEqual([{ userid: 'zhangwei', status: 0 }]);

    const confirmed = await h.control('POST', '/sandbox/employees/zhangwei/confirm-mass-send', {
      msgid,
    });
    expect(confirmed.json).toEqual({
      msgid,
      userid: 'zhangwei',
      sent: 2,
      notFriends: 0,
      quotaExceeded: 0,
    });
    expect((await results(msgid, 'zhangwei')).map((r) => [r.status, r.send_time])).toEqual([
      [1, h.clock.now() / 1000],
      [1, h.clock.now() / 1000],
    ]);
    expect(
      (await h.wecom('POST', '/cgi-bin/externalcontact/get_groupmsg_task', { msgid })).task_list,
    ).toEqual([{ userid: 'zhangwei', status: 2, send_time: h.clock.now() / 1000 }]);
    const inbox = (await h.control('GET', '/sandbox/customers/c1/messages')).json
      .messages as Record<string, unknown>[];
    expect(inbox).toEqual([
      expect.objectContaining({
        channel: 'wecom_mass',
        text: '双十一会员专享',
        links: ['https://shop.example.com/s/11'],
        ref: msgid,
      }),
    ]);
    expect(
      (await h.control('POST', '/sandbox/employees/zhangwei/confirm-mass-send', { msgid })).status,
    ).toBe(409);

    const list = await h.wecom('POST', '/cgi-bin/externalcontact/get_groupmsg_list_v2', {
      chat_type: 'single',
      start_time: h.clock.now() / 1000 - 3600,
      end_time: h.clock.now() / 1000 + 3600,
    });
    expect(list.group_msg_list).toEqual([
      expect.objectContaining({ msgid, create_type: 0, text: { content: '双十一会员专享' } }),
    ]);
  });

  it('marks customers over the quota with status 3 and former friends with status 2', async () => {
    await h.control('PUT', '/sandbox/rules', { massSendQuota: { period: 'day', limit: 1 } });
    const a = await befriend('c1', 'liuna');
    const b = await befriend('c2', 'liuna');
    const first = await template([a], 'liuna', '第一条');
    await h.control('POST', '/sandbox/employees/liuna/confirm-mass-send', { msgid: first.msgid });
    await h.control('POST', '/sandbox/customers/c2/delete-employee', { userid: 'liuna' });
    const second = await template([a], 'liuna', '第二条');
    const third = await h.wecom('POST', '/cgi-bin/externalcontact/add_msg_template', {
      external_userid: [b],
      sender: 'liuna',
      text: { content: 'x' },
    });
    expect(third.fail_list).toEqual([b]);

    const outcome = await h.control('POST', '/sandbox/employees/liuna/confirm-mass-send', {
      msgid: second.msgid,
    });
    expect(outcome.json).toMatchObject({ sent: 0, quotaExceeded: 1 });
    expect((await results(second.msgid, 'liuna'))[0]!.status).toBe(3);
    const texts = (
      (await h.control('GET', '/sandbox/customers/c1/messages')).json.messages as { text: string }[]
    ).map((m) => m.text);
    expect(texts).toEqual(['第一条']);

    // A friend who leaves between creation and confirmation is "not a friend" (2).
    const c = await befriend('c5', 'liuna');
    const fourth = await template([c], 'liuna');
    await h.control('POST', '/sandbox/customers/c5/delete-employee', { userid: 'liuna' });
    await h.control('POST', '/sandbox/employees/liuna/confirm-mass-send', { msgid: fourth.msgid });
    expect((await results(fourth.msgid, 'liuna'))[0]!.status).toBe(2);

    // The next day the quota is back.
    h.clock.advance(24 * 3600_000);
    const fifth = await template([a], 'liuna', '第三条');
    expect(
      (
        await h.control('POST', '/sandbox/employees/liuna/confirm-mass-send', {
          msgid: fifth.msgid,
        })
      ).json,
    ).toMatchObject({ sent: 1 });
  });

  it('allows as many mass messages per calendar month as the month has days by default', async () => {
    const now = h.clock.now();
    const cap = daysInMonth(now);
    expect(cap).toBe(31); // March 2026
    expect(new Date(periodStart(now, 'month')).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    const a = await befriend('c1', 'wangfang');
    const statuses: number[] = [];
    for (let i = 0; i <= cap; i += 1) {
      const { msgid } = await template([a], 'wangfang', `第${i + 1}条`);
      await h.control('POST', '/sandbox/employees/wangfang/confirm-mass-send', { msgid });
      statuses.push((await results(msgid, 'wangfang'))[0]!.status);
    }
    expect(statuses.filter((s) => s === 1)).toHaveLength(cap);
    expect(statuses.at(-1)).toBe(3);
  });

  it('sends to groups when the owner confirms: every customer in the group receives it', async () => {
    const group = Object.values(h.corp.groups).find((g) => g.owner === 'zhangwei')!;
    const res = await h.wecom('POST', '/cgi-bin/externalcontact/add_msg_template', {
      chat_type: 'group',
      sender: 'zhangwei',
      text: { content: '群公告：周末直播' },
    });
    const sendList = (
      await h.wecom('POST', '/cgi-bin/externalcontact/get_groupmsg_send_result', {
        msgid: res.msgid,
        userid: 'zhangwei',
      })
    ).send_list;
    expect(sendList).toEqual([{ chat_id: group.chat_id, userid: 'zhangwei', status: 0 }]);
    await h.control('POST', '/sandbox/employees/zhangwei/confirm-mass-send', { msgid: res.msgid });
    const members = group.member_list.filter((m) => m.type === 2);
    expect(members.length).toBe(5);
    for (const member of members) {
      const person = Object.values(h.sandbox.state.users).find(
        (p) => p.externalUserIds[h.corp.corpid] === member.userid,
      )!;
      const inbox = (await h.control('GET', `/sandbox/customers/${person.id}/messages`)).json
        .messages as { channel: string; text: string }[];
      expect(inbox).toEqual([
        expect.objectContaining({ channel: 'wecom_group_mass', text: '群公告：周末直播' }),
      ]);
    }
  });
});
