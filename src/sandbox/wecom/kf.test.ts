import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWecomCallback } from '../../channels/wecom/callbacks.js';
import { createHarnessWithReceiver, type Harness } from '../testing/harness.js';
import type { TestReceiver } from '../testing/receiver.js';
import { field, fieldNames, sample } from '../testing/xml-shape.js';

type H = Harness & { receiver: TestReceiver };

describe('WeChat Customer Service (kf)', () => {
  let h: H;
  beforeEach(async () => {
    h = await createHarnessWithReceiver();
  });
  afterEach(() => h.close());

  const openKfid = () => Object.keys(h.corp.kf.accounts)[0]!;
  const reply = (touser: string, content: string) =>
    h.wecom('POST', '/cgi-bin/kf/send_msg', {
      touser,
      open_kfid: openKfid(),
      msgtype: 'text',
      text: { content },
    });

  it('pushes kf_msg_or_event with a token that sync_msg accepts, and returns the message', async () => {
    const sent = (
      await h.control('POST', '/sandbox/customers/c1/kf-message?wait=true', {
        text: '我的订单到哪了？',
      })
    ).json;
    const [callback] = await h.receiver.waitFor(1);
    expect(fieldNames(callback!.plaintext)).toEqual([
      ...fieldNames(sample('wecom', 'wecom-callback-kf_msg_or_event.xml')),
      'OpenKfId',
    ]);
    expect(field(callback!.plaintext, 'Token')).toBe(sent.token);
    expect(parseWecomCallback(callback!.plaintext).kind).toBe('events');

    const page = await h.wecom('POST', '/cgi-bin/kf/sync_msg', {
      token: sent.token,
      limit: 1000,
      open_kfid: openKfid(),
    });
    expect(page).toMatchObject({ errcode: 0, has_more: 0 });
    expect(page.msg_list).toEqual([
      {
        msgid: sent.msgid,
        open_kfid: openKfid(),
        external_userid: sent.externalUserid,
        send_time: h.clock.now() / 1000,
        origin: 3,
        msgtype: 'text',
        text: { content: '我的订单到哪了？' },
      },
    ]);
    const next = await h.wecom('POST', '/cgi-bin/kf/sync_msg', {
      cursor: page.next_cursor,
      open_kfid: openKfid(),
    });
    expect(next.msg_list).toEqual([]);
    h.clock.advance(11 * 60_000);
    expect((await h.wecom('POST', '/cgi-bin/kf/sync_msg', { token: sent.token })).errcode).toBe(
      95007,
    );
  });

  it('allows 5 replies within 48 hours of the customer’s last message (95001 after), reset by a new message', async () => {
    const { externalUserid } = (
      await h.control('POST', '/sandbox/customers/c2/kf-message', { text: '在吗' })
    ).json as { externalUserid: string };
    for (let n = 1; n <= 5; n += 1)
      expect((await reply(externalUserid, `回复${n}`)).errcode).toBe(0);
    expect((await reply(externalUserid, '第六条')).errcode).toBe(95001);
    await h.control('POST', '/sandbox/customers/c2/kf-message', { text: '还有问题' });
    h.clock.advance(48 * 3600_000 + 1000);
    expect((await reply(externalUserid, '太晚了')).errcode).toBe(95001);
    const inbox = (await h.control('GET', '/sandbox/customers/c2/messages?channel=kf')).json
      .messages as { text: string }[];
    expect(inbox.map((m) => m.text)).toEqual(['回复1', '回复2', '回复3', '回复4', '回复5']);
    const stranger = h.sandbox.state.users.c3!.externalUserIds[h.corp.corpid]!;
    expect((await reply(stranger, 'hi')).errcode).toBe(95001);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/kf/send_msg', {
          touser: stranger,
          open_kfid: 'wkNOPE',
          msgtype: 'text',
          text: { content: 'x' },
        })
      ).errcode,
    ).toBe(95000);
  });

  it('gives an enter_session welcome code that send_msg_on_event accepts once', async () => {
    const entered = (
      await h.control('POST', '/sandbox/customers/c4/kf-enter-session', {
        scene: 'store',
        sceneParam: 'abc',
      })
    ).json;
    const page = await h.wecom('POST', '/cgi-bin/kf/sync_msg', { token: entered.token });
    expect(page.msg_list).toEqual([
      {
        msgid: entered.msgid,
        send_time: h.clock.now() / 1000,
        origin: 4,
        msgtype: 'event',
        event: {
          event_type: 'enter_session',
          open_kfid: openKfid(),
          external_userid: entered.externalUserid,
          scene: 'store',
          scene_param: 'abc',
          welcome_code: entered.welcomeCode,
        },
      },
    ]);
    const body = {
      code: entered.welcomeCode,
      msgtype: 'text',
      text: { content: '您好，请问有什么可以帮您？' },
    };
    expect((await h.wecom('POST', '/cgi-bin/kf/send_msg_on_event', body)).errcode).toBe(0);
    expect((await h.wecom('POST', '/cgi-bin/kf/send_msg_on_event', body)).errcode).toBe(40029);
    const accounts = await h.wecom('POST', '/cgi-bin/kf/account/list', { offset: 0, limit: 100 });
    expect(accounts.account_list).toEqual([
      {
        open_kfid: openKfid(),
        name: '在线客服',
        avatar: expect.any(String),
        manage_privilege: true,
      },
    ]);
  });
});
