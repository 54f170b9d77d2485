import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WxBizMsgCrypt } from '../../channels/shared/wxbiz-crypto.js';
import { parseWecomCallback } from '../../channels/wecom/callbacks.js';
import { createHarnessWithReceiver, type Harness } from '../testing/harness.js';
import type { TestReceiver } from '../testing/receiver.js';
import { field, fieldNames, sample } from '../testing/xml-shape.js';

type H = Harness & { receiver: TestReceiver };

describe('customer adds an employee', () => {
  let h: H;
  beforeEach(async () => {
    h = await createHarnessWithReceiver();
  });
  afterEach(() => h.close());

  async function contactWay(body: Record<string, unknown>) {
    const res = await h.wecom('POST', '/cgi-bin/externalcontact/add_contact_way', body);
    expect(res.errcode).toBe(0);
    return String(res.config_id);
  }

  it('pushes add_external_contact sealed exactly like WeCom, with State and WelcomeCode', async () => {
    const configId = await contactWay({
      type: 1,
      scene: 2,
      state: 'teststate',
      user: ['zhangwei'],
    });
    const res = await h.control('POST', '/sandbox/customers/c1/add-contact?wait=true', {
      configId,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      userid: 'zhangwei',
      state: 'teststate',
      deliveries: [{ status: 'delivered', attempts: 1 }],
    });

    const [callback] = await h.receiver.waitFor(1);
    // The raw request: msg_signature/timestamp/nonce and the three-field envelope.
    expect(Object.keys(callback!.query).sort()).toEqual(['msg_signature', 'nonce', 'timestamp']);
    expect(fieldNames(callback!.body)).toEqual(['ToUserName', 'Encrypt', 'AgentID']);
    expect(field(callback!.body, 'ToUserName')).toBe(h.corp.corpid);
    expect(field(callback!.body, 'AgentID')).toBe('1000002');
    // An independent decryption with the corp's own secrets gives the same plaintext.
    const crypt = new WxBizMsgCrypt({
      token: h.corp.callback.token,
      encodingAesKey: h.corp.callback.encodingAesKey,
      receiveId: h.corp.corpid,
    });
    const opened = crypt.openCallback(
      {
        msgSignature: callback!.query.msg_signature,
        timestamp: callback!.query.timestamp!,
        nonce: callback!.query.nonce!,
      },
      callback!.body,
    );
    const xml = opened.plaintext;
    expect(fieldNames(xml)).toEqual(
      fieldNames(sample('wecom', 'wecom-callback-add_external_contact.xml')),
    );
    expect(field(xml, 'ChangeType')).toBe('add_external_contact');
    expect(field(xml, 'ExternalUserID')).toBe(res.json.externalUserid);
    expect(field(xml, 'WelcomeCode')).toBe(res.json.welcomeCode);
    expect(field(xml, 'CreateTime')).toBe(String(h.clock.now() / 1000));
    const outcome = parseWecomCallback(xml);
    expect(outcome.kind).toBe('events');
  });

  it('accepts the welcome code once within 20 seconds; a second use or a late one gets 41051', async () => {
    const configId = await contactWay({ type: 2, scene: 2, user: ['liuna', 'wangfang'] });
    const first = (await h.control('POST', '/sandbox/customers/c1/add-contact', { configId })).json;
    const second = (await h.control('POST', '/sandbox/customers/c2/add-contact', { configId }))
      .json;
    expect([first.userid, second.userid]).toEqual(['liuna', 'wangfang']);

    h.clock.advance(19_000);
    const welcome = {
      text: { content: '欢迎！' },
      attachments: [
        {
          msgtype: 'link',
          link: { title: '领取新人券', url: 'https://shop.example.com/coupon?c=1' },
        },
      ],
    };
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/send_welcome_msg', {
          welcome_code: first.welcomeCode,
          ...welcome,
        })
      ).errcode,
    ).toBe(0);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/send_welcome_msg', {
          welcome_code: first.welcomeCode,
          ...welcome,
        })
      ).errcode,
    ).toBe(41051);
    h.clock.advance(2_000);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/send_welcome_msg', {
          welcome_code: second.welcomeCode,
          ...welcome,
        })
      ).errcode,
    ).toBe(41051);

    const inbox = (await h.control('GET', '/sandbox/customers/c1/messages')).json
      .messages as Record<string, unknown>[];
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      channel: 'wecom_welcome',
      from: { kind: 'employee', userid: 'liuna' },
      text: '欢迎！',
      links: ['https://shop.example.com/coupon?c=1'],
    });
    expect((await h.control('GET', '/sandbox/customers/c2/messages')).json.messages).toEqual([]);
  });

  it('rejects a welcome message without content (40058) and keeps the code usable', async () => {
    const added = (
      await h.control('POST', '/sandbox/customers/c3/add-contact', { userid: 'chenjie' })
    ).json;
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/send_welcome_msg', {
          welcome_code: added.welcomeCode,
        })
      ).errcode,
    ).toBe(40058);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/send_welcome_msg', {
          welcome_code: added.welcomeCode,
          text: { content: 'hi' },
        })
      ).errcode,
    ).toBe(0);
  });

  it('brings customer_channel back as State through an acquisition link', async () => {
    const created = await h.wecom(
      'POST',
      '/cgi-bin/externalcontact/customer_acquisition/create_link',
      {
        link_name: '获客链接1号',
        range: { user_list: ['lijing'], department_list: [] },
        skip_verify: true,
      },
    );
    const link = created.link as { link_id: string; url: string };
    expect(Object.keys(link)).toEqual(['link_id', 'link_name', 'url', 'create_time']);
    const res = await h.control('POST', '/sandbox/customers/c4/open-acquisition-link?wait=true', {
      url: `${link.url}?customer_channel=CHANNEL_A`,
    });
    expect(res.json).toMatchObject({ userid: 'lijing', state: 'CHANNEL_A' });
    const [callback] = await h.receiver.waitFor(1);
    expect(field(callback!.plaintext, 'State')).toBe('CHANNEL_A');
    const customers = await h.wecom(
      'POST',
      '/cgi-bin/externalcontact/customer_acquisition/customer',
      { link_id: link.link_id },
    );
    expect(customers.customer_list).toEqual([
      {
        external_userid: res.json.externalUserid,
        userid: 'lijing',
        chat_status: 0,
        state: 'CHANNEL_A',
      },
    ]);
    const got = await h.wecom(
      'GET',
      `/cgi-bin/externalcontact/get?external_userid=${String(res.json.externalUserid)}`,
    );
    expect((got.follow_user as { add_way: number }[])[0]!.add_way).toBe(16);
  });

  it('pushes del_follow_user when the customer deletes the employee and del_external_contact the other way', async () => {
    await h.control('POST', '/sandbox/customers/c1/add-contact', { userid: 'zhangwei' });
    await h.control('POST', '/sandbox/customers/c2/add-contact', { userid: 'zhangwei' });
    await h.control('POST', '/sandbox/customers/c1/delete-employee', { userid: 'zhangwei' });
    await h.control('POST', '/sandbox/employees/zhangwei/delete-customer', { customer: 'c2' });
    const received = await h.receiver.waitFor(4);
    const byType = new Map(received.map((r) => [field(r.plaintext, 'ChangeType'), r.plaintext]));
    expect(fieldNames(byType.get('del_follow_user')!)).toEqual(
      fieldNames(sample('wecom', 'wecom-callback-del_follow_user.xml')),
    );
    expect(fieldNames(byType.get('del_external_contact')!)).toEqual(
      fieldNames(sample('wecom', 'wecom-callback-del_external_contact.xml')).filter(
        (n) => n !== 'Source',
      ),
    );
    expect(
      (await h.control('POST', '/sandbox/customers/c1/delete-employee', { userid: 'zhangwei' }))
        .status,
    ).toBe(404);
  });

  it('refuses a second add between the same two people (409)', async () => {
    await h.control('POST', '/sandbox/customers/c1/add-contact', { userid: 'zhangwei' });
    const again = await h.control('POST', '/sandbox/customers/c1/add-contact', {
      userid: 'zhangwei',
    });
    expect(again.status).toBe(409);
  });
});
