import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarnessWithReceiver, type Harness } from '../testing/harness.js';
import type { TestReceiver } from '../testing/receiver.js';
import { field, fieldNames, sample } from '../testing/xml-shape.js';

type H = Harness & { receiver: TestReceiver };

describe('customer transfers', () => {
  let h: H;
  beforeEach(async () => {
    h = await createHarnessWithReceiver();
  });
  afterEach(() => h.close());

  it('moves customers on-job after 24 hours and tells the handover side (DELETE_BY_TRANSFER)', async () => {
    const a = String(
      (await h.control('POST', '/sandbox/customers/c1/add-contact', { userid: 'zhangwei' })).json
        .externalUserid,
    );
    await h.receiver.waitFor(1);
    const requested = await h.wecom('POST', '/cgi-bin/externalcontact/transfer_customer', {
      handover_userid: 'zhangwei',
      takeover_userid: 'liuna',
      external_userid: [a, 'wmNOTAFRIEND'],
    });
    expect(requested.customer).toEqual([
      { external_userid: a, errcode: 0 },
      { external_userid: 'wmNOTAFRIEND', errcode: 84061 },
    ]);
    const pending = await h.wecom('POST', '/cgi-bin/externalcontact/transfer_result', {
      handover_userid: 'zhangwei',
      takeover_userid: 'liuna',
    });
    expect(pending.customer).toEqual([{ external_userid: a, status: 2 }]);

    h.clock.advance(24 * 3600_000);
    const done = await h.wecom('POST', '/cgi-bin/externalcontact/transfer_result', {
      handover_userid: 'zhangwei',
      takeover_userid: 'liuna',
    });
    expect(done.customer).toEqual([
      { external_userid: a, status: 1, takeover_time: h.clock.now() / 1000 },
    ]);
    const got = await h.wecom('GET', `/cgi-bin/externalcontact/get?external_userid=${a}`);
    expect(
      (got.follow_user as { userid: string; add_way: number }[]).map((f) => [f.userid, f.add_way]),
    ).toEqual([['liuna', 202]]);
    const [, removal] = await h.receiver.waitFor(2);
    expect(fieldNames(removal!.plaintext)).toEqual(
      fieldNames(sample('wecom', 'wecom-callback-del_external_contact.xml')),
    );
    expect(field(removal!.plaintext, 'Source')).toBe('DELETE_BY_TRANSFER');
    expect(field(removal!.plaintext, 'UserID')).toBe('zhangwei');
  });

  it('lists a leaver’s customers as unassigned and transfers them to a colleague', async () => {
    const vipOwner = 'zhangwei';
    const before = Object.values(h.corp.follows).filter((byUser) => byUser[vipOwner]).length;
    await h.control('POST', `/sandbox/employees/${vipOwner}/leave?wait=true`, {});
    const [left] = await h.receiver.waitFor(1);
    expect(fieldNames(left!.plaintext)).toEqual([
      'ToUserName',
      'FromUserName',
      'CreateTime',
      'MsgType',
      'Event',
      'ChangeType',
      'UserID',
    ]);
    expect(field(left!.plaintext, 'ChangeType')).toBe('delete_user');
    expect((await h.wecom('GET', `/cgi-bin/user/get?userid=${vipOwner}`)).errcode).toBe(60111);

    const unassigned = await h.wecom('POST', '/cgi-bin/externalcontact/get_unassigned_list', {
      page_size: 100,
    });
    const info = unassigned.info as { handover_userid: string; external_userid: string }[];
    expect(info).toHaveLength(before);
    expect(unassigned.is_last).toBe(true);
    const onjob = await h.wecom('POST', '/cgi-bin/externalcontact/transfer_customer', {
      handover_userid: vipOwner,
      takeover_userid: 'liuna',
      external_userid: [info[0]!.external_userid],
    });
    expect(onjob.errcode).toBe(60111);
    const resigned = await h.wecom('POST', '/cgi-bin/externalcontact/resigned/transfer_customer', {
      handover_userid: vipOwner,
      takeover_userid: 'liuna',
      external_userid: info.map((i) => i.external_userid),
    });
    expect((resigned.customer as { errcode: number }[]).every((c) => c.errcode === 0)).toBe(true);
    expect(
      (await h.wecom('POST', '/cgi-bin/externalcontact/get_unassigned_list', {})).info as unknown[],
    ).toEqual([]);
    expect(
      (
        await h.wecom('POST', '/cgi-bin/externalcontact/resigned/transfer_customer', {
          handover_userid: 'liuna',
          takeover_userid: 'wangfang',
          external_userid: ['x'],
        })
      ).errcode,
    ).toBe(40097);
    const groups = await h.wecom('POST', '/cgi-bin/externalcontact/groupchat/list', {
      status_filter: 1,
      limit: 10,
    });
    expect((groups.group_chat_list as unknown[]).length).toBe(1);
  });
});
